package applications_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/chancery-platform/chancery/applications"
)

// upload10MB is a PDF of just under 10 MB, the most a file may weigh.
func upload10MB() []byte { return bigPDF(10<<20 - 4<<10) }

// BenchmarkUpload10MB uploads a 10 MB PDF through the workflow: the
// checks (the PDF parsed whole), the transaction with the limits, and the
// content encrypted into the database in 256 KiB chunks. Compare it with
// BenchmarkLocalWrite10MB, run at the same time.
func BenchmarkUpload10MB(b *testing.B) {
	e := newEnv(b, applications.Uploads{})
	ref, token := e.start(b, "bench@example.com")
	pdf := upload10MB()
	b.SetBytes(int64(len(pdf)))
	b.ResetTimer()
	for b.Loop() {
		doc, err := e.as.AddDocument(b.Context(), ref, token, "identity", "bench.pdf", bytes.NewReader(pdf))
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := e.as.RemoveDocument(b.Context(), ref, token, doc.ID); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkLocalWrite10MB writes the same bytes to a new local file and
// closes it (no fsync, as SQLite in WAL mode with synchronous=NORMAL does
// not sync each commit either): the floor an upload is measured against.
func BenchmarkLocalWrite10MB(b *testing.B) {
	dir := b.TempDir()
	pdf := upload10MB()
	b.SetBytes(int64(len(pdf)))
	path := filepath.Join(dir, "upload.pdf")
	for b.Loop() {
		if err := os.WriteFile(path, pdf, 0o600); err != nil {
			b.Fatal(err)
		}
		os.Remove(path)
	}
}
