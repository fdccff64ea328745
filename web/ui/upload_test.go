package ui

import (
	"bytes"
	"errors"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/chancery-platform/chancery"
)

// FuzzReadUpload: whatever a multipart upload's body, reading it never
// panics; the fields before the file are kept only within their bound;
// and a refusal is a client error (invalid or too large), never an
// internal one.
func FuzzReadUpload(f *testing.F) {
	f.Add([]byte("--B\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\nidentity\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a/../b.pdf\"\r\n\r\n%PDF-1.7\r\n--B--\r\n"))
	f.Add([]byte("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\u202Egpj.exe\"\r\n\r\nx\r\n--B--\r\n"))
	f.Add([]byte("--B\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n" + string(bytes.Repeat([]byte("i"), 5000)) + "\r\n--B--\r\n"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest("POST", "/api/v1/applications/X/documents", bytes.NewReader(body))
		r.Header.Set("Content-Type", "multipart/form-data; boundary=B")
		errTake := errors.New("take")
		err := ReadUpload(httptest.NewRecorder(), r, 1<<10, func(name string, file io.Reader) error {
			for _, vs := range r.PostForm {
				for _, v := range vs {
					if len(v) > uploadFieldBytes {
						t.Fatalf("a field of %d bytes kept", len(v))
					}
				}
			}
			if _, err := io.Copy(io.Discard, io.LimitReader(file, 4<<10)); err != nil {
				return err // as uploads.Check returns a read's error
			}
			return errTake
		})
		if err == nil || errors.Is(err, errTake) {
			return
		}
		if code := chancery.ErrorCode(err); code != chancery.EINVALID && code != chancery.ETOOLARGE {
			t.Fatalf("refused with %v", err)
		}
	})
}
