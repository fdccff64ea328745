package uploads

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// encryptedPDF is a one-page PDF encrypted by pdfcpu with AES-256, an
// owner password and an empty user password: it opens without asking.
func encryptedPDF(t testing.TB) []byte {
	t.Helper()
	conf := pdfConfig()
	conf.OwnerPW = "owner"
	conf.EncryptUsingAES = true
	conf.EncryptKeyLength = 256
	conf.Permissions = model.PermissionsPrint
	conf.WriteObjectStream = true
	conf.WriteXRefStream = true
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(makePDF(1, "")), &out, conf); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestActiveInObjectStreams(t *testing.T) {
	t.Parallel()
	js := objectStreamPDF("<< /S /JavaScript /JS (app.alert(1)) >>")
	if bytes.Contains(js, []byte("JavaScript")) {
		t.Fatal("the fixture's action is not compressed")
	}
	if _, err := check(js, pdfOnly, Limits{}); !errors.Is(err, ErrPDFActive) {
		t.Errorf("JavaScript in an object stream: %v, want ErrPDFActive", err)
	}
	plain := objectStreamPDF("<< /S /URI /URI (https://example.org/) >>")
	if f, err := check(plain, pdfOnly, Limits{}); err != nil || f.Pages != 1 {
		t.Errorf("a clean PDF with an object stream: %v, %d pages", err, f.Pages)
	}
}

// objectStreamPDF is a one-page PDF whose page link runs action, an
// object kept compressed in an object stream (PDF 1.5) behind an xref
// stream, where a search of the file's bytes does not find it.
func objectStreamPDF(action string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	plain := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 5 5] /A 4 0 R >>] >>",
	}
	var offsets []int
	for i, o := range plain {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	// Object 5 is the object stream holding object 4.
	head := "4 0 "
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(head + action))
	zw.Close()
	offsets = append(offsets, b.Len())
	fmt.Fprintf(&b, "5 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n", len(head), z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	// Object 6 is the xref stream: type, field 2, field 3 per object 0-6.
	xref := b.Len()
	var rows bytes.Buffer
	row := func(typ byte, f2 uint32, f3 uint16) {
		rows.WriteByte(typ)
		binary.Write(&rows, binary.BigEndian, f2)
		binary.Write(&rows, binary.BigEndian, f3)
	}
	row(0, 0, 65535)
	for i := range 3 {
		row(1, uint32(offsets[i]), 0)
	}
	row(2, 5, 0) // object 4: in object stream 5, index 0
	row(1, uint32(offsets[3]), 0)
	row(1, uint32(xref), 0)
	fmt.Fprintf(&b, "6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", rows.Len())
	b.Write(rows.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// TestDecompressionBomb: an object stream of a few kilobytes that expands
// to megabytes of zeros is refused before pdfcpu decompresses it.
func TestDecompressionBomb(t *testing.T) {
	t.Parallel()
	bomb := objectStreamPDF("<< /S /URI /URI (x) >>" + string(make([]byte, 3<<20)))
	if len(bomb) > 64<<10 {
		t.Fatalf("the bomb weighs %d bytes", len(bomb))
	}
	_, err := check(bomb, pdfOnly, Limits{PDFExpanded: 1 << 20})
	if !errors.Is(err, ErrPDFBroken) {
		t.Errorf("got %v, want ErrPDFBroken", err)
	}
	// The same file under the default limit is read as usual.
	if _, err := check(bomb, pdfOnly, Limits{}); err != nil {
		t.Errorf("under the default limit: %v", err)
	}
}
