package uploads

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// BenchmarkCheckPDF10MB: a one-page PDF of 10 MB (most of it the page's
// content stream), the largest a file may be by default.
func BenchmarkCheckPDF10MB(b *testing.B) {
	content := bytes.Repeat([]byte("0 0 m 595 842 l S\n"), (10<<20-4096)/18)
	data := assemblePDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << >> >>",
	}, "")
	benchmarkCheck(b, data)
}

// BenchmarkCheckJPEG4000x3000: a 12-megapixel camera photo, decoded and
// encoded again.
func BenchmarkCheckJPEG4000x3000(b *testing.B) {
	benchmarkCheck(b, encodeJPEG(picture(4000, 3000, 1), 90))
}

func benchmarkCheck(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Check(context.Background(), bytes.NewReader(data), anyDocument, Limits{}, 0); err != nil {
			b.Fatal(err)
		}
	}
}
