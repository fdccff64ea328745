package uploads

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSeeds writes the fuzz seeds in testdata when
// CHANCERY_WRITE_SEEDS is set: go test ./uploads -run TestWriteSeeds.
func TestWriteSeeds(t *testing.T) {
	if os.Getenv("CHANCERY_WRITE_SEEDS") == "" {
		t.Skip("set CHANCERY_WRITE_SEEDS to write testdata/fuzz/FuzzCheck")
	}
	seeds := map[string][]byte{
		"pdf-good":          makePDF(2, ""),
		"pdf-javascript":    makePDF(1, "/OpenAction 4 0 R", "<< /S /JavaScript /JS (app.alert(1)) >>"),
		"pdf-objstm":        objectStreamPDF("<< /S /URI /URI (https://example.org/) >>"),
		"pdf-html-polyglot": []byte("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"),
		"pdf-encrypted":     encryptedPDF(t),
		"jpeg-exif-gps":     withEXIF(encodeJPEG(picture(40, 30, 1), 80), exifTIFF(6)),
		"png-small":         encodePNG(picture(16, 12, 3)),
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzCheck")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
