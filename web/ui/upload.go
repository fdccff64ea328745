package ui

import (
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/uploads"
)

// The refusals of a malformed upload request.
var (
	// ErrUploadForm: the request is not a multipart form.
	ErrUploadForm = chancery.Errorf(chancery.EINVALID, "error.upload_form")
	// ErrUploadNoFile: the form carries no file in its field "file".
	ErrUploadNoFile = chancery.Errorf(chancery.EINVALID, "error.upload_no_file", "Field", "file")
)

// uploadFieldBytes bounds each of an upload form's other fields.
const uploadFieldBytes = 4 << 10

// uploadOverhead is what an upload request may weigh beyond its file: the
// other fields and the multipart framing.
const uploadOverhead = 64 << 10

// ReadUpload reads a multipart upload as it streams, never keeping the
// file whole: the fields before the field "file" go into r.PostForm (so
// the CSRF check and the form's values read as usual), then take gets the
// file's name as sent and its content. The body is bounded to maxFile
// plus a little for the rest; a body over it is refused with
// uploads.ErrTooLarge without being read through.
func ReadUpload(w http.ResponseWriter, r *http.Request, maxFile int64, take func(name string, file io.Reader) error) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFile+uploadOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		return ErrUploadForm
	}
	r.PostForm = url.Values{}
	tooLarge := func(err error) error {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return uploads.ErrTooLarge.With("Field", "file", "Max", maxFile>>20)
		}
		return err
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return ErrUploadNoFile
		}
		if err != nil {
			if e := tooLarge(err); e != err {
				return e
			}
			return ErrUploadForm
		}
		if p.FormName() == "file" {
			pr := &partReader{r: p}
			err := take(p.FileName(), pr)
			if pr.err != nil && errors.Is(err, pr.err) {
				// The body broke off or was malformed: the client's doing.
				if e := tooLarge(err); e != err {
					return e
				}
				return ErrUploadForm
			}
			return err
		}
		v, err := io.ReadAll(io.LimitReader(p, uploadFieldBytes+1))
		if err != nil {
			if e := tooLarge(err); e != err {
				return e
			}
			return ErrUploadForm
		}
		if len(v) > uploadFieldBytes {
			return chancery.Errorf(chancery.ETOOLARGE, "error.too_large")
		}
		r.PostForm.Add(p.FormName(), string(v))
	}
}

// partReader remembers the error reading the file's part met, so that a
// body cut short or malformed is told apart from what take failed on.
type partReader struct {
	r   io.Reader
	err error
}

func (p *partReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if err != nil && err != io.EOF {
		p.err = err
	}
	return n, err
}
