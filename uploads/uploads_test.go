package uploads

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
)

var (
	anyDocument = casework.DocumentRule{ID: "passport", Types: []string{casework.TypePDF, casework.TypeJPEG, casework.TypePNG}}
	pdfOnly     = casework.DocumentRule{ID: "invitation", Types: []string{casework.TypePDF}}
	imagesOnly  = casework.DocumentRule{ID: "scan", Types: []string{casework.TypeJPEG, casework.TypePNG}}
	photoRule   = casework.DocumentRule{ID: "photo", Types: []string{casework.TypeJPEG, casework.TypePNG}, Photo: true}
)

func check(data []byte, rule casework.DocumentRule, limits Limits) (File, error) {
	return Check(context.Background(), bytes.NewReader(data), rule, limits, 0)
}

// TestCheckRefuses: each row a file an applicant (or an attacker) might
// send and the refusal they must get, whatever the file was called.
func TestCheckRefuses(t *testing.T) {
	t.Parallel()
	good := makePDF(2, "")
	jpg := encodeJPEG(picture(64, 48, 1), 90)
	small := Limits{FileBytes: 1000}
	tests := []struct {
		name   string
		data   []byte
		rule   casework.DocumentRule
		limits Limits
		want   *chancery.Error
		fields map[string]any // some of the error's Data
	}{
		{"empty file", nil, anyDocument, Limits{}, ErrEmpty, nil},
		{"over the size limit", bytes.Repeat([]byte("%PDF-"), 300), anyDocument, small, ErrTooLarge, nil},
		{"HTML named .pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), anyDocument, Limits{}, ErrType, map[string]any{"Found": "HTML", "Allowed": "PDF, JPEG, PNG"}},
		{"SVG with a script", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), anyDocument, Limits{}, ErrType, map[string]any{"Found": "SVG"}},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), anyDocument, Limits{}, ErrType, map[string]any{"Found": "GIF"}},
		{"ZIP", []byte("PK\x03\x04\x14\x00\x00\x00photos/a.jpg"), anyDocument, Limits{}, ErrType, map[string]any{"Found": "ZIP"}},
		{"Word document", []byte("PK\x03\x04\x14\x00\x00\x00[Content_Types].xml PK\x03\x04 word/document.xml"), anyDocument, Limits{}, ErrType, map[string]any{"Found": "DOCX"}},
		{"Windows program", []byte("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode"), anyDocument, Limits{}, ErrType, map[string]any{"Found": "EXE"}},
		{"iPhone HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), anyDocument, Limits{}, ErrType, map[string]any{"Found": "HEIC"}},
		{"plain text", []byte("hello, consulate"), anyDocument, Limits{}, ErrTypeUnknown, map[string]any{"Allowed": "PDF, JPEG, PNG"}},
		{"JPEG where only PDF is taken", jpg, pdfOnly, Limits{}, ErrType, map[string]any{"Found": "JPEG", "Allowed": "PDF"}},
		{"PDF as a photo", good, photoRule, Limits{}, ErrType, map[string]any{"Found": "PDF", "Allowed": "JPEG, PNG"}},
		{"PDF header then HTML", []byte("%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"), anyDocument, Limits{}, ErrPDFMixed, nil},
		{"PDF header, padding, then HTML", append(append([]byte("%PDF-1.4\n%"), bytes.Repeat([]byte("a"), 2000)...), []byte("\n<script>alert(1)</script>\n%%EOF\n")...), anyDocument, Limits{}, ErrPDFBroken, nil},
		{"good PDF with HTML after its end", append(append([]byte{}, good...), []byte("<html><script>alert(1)</script></html>")...), anyDocument, Limits{}, ErrPDFMixed, nil},
		{"truncated PDF", good[:len(good)/2], anyDocument, Limits{}, ErrPDFBroken, nil},
		{"PDF cut before its trailer", good[:bytes.Index(good, []byte("xref"))], anyDocument, Limits{}, ErrPDFBroken, nil},
		{"PDF with JavaScript on opening", makePDF(1, "/OpenAction 4 0 R", "<< /S /JavaScript /JS (app.alert(1)) >>"), anyDocument, Limits{}, ErrPDFActive, nil},
		{"PDF with a JavaScript name tree", makePDF(1, "/Names << /JavaScript 4 0 R >>", "<< /Names [(a) << /S /JavaScript /JS (x) >>] >>"), anyDocument, Limits{}, ErrPDFActive, nil},
		{"PDF with a key hidden by escapes", makePDF(1, "/Names << /J#61vaScript 4 0 R >>", "<< /Names [] >>"), anyDocument, Limits{}, ErrPDFActive, map[string]any{"Found": "/JavaScript"}},
		{"PDF with a page action", makePDF(1, "", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /AA << /O << /S /Launch /F (cmd.exe) >> >> >>"), anyDocument, Limits{}, ErrPDFActive, nil},
		{"PDF with a Launch action", makePDF(1, "/OpenAction << /S /Launch /F (calc.exe) >>"), anyDocument, Limits{}, ErrPDFActive, nil},
		{"PDF with an attached file", makePDF(1, "/Names << /EmbeddedFiles 4 0 R >>", "<< /Names [(a.exe) << /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>] >>", "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"), anyDocument, Limits{}, ErrPDFActive, nil},
		{"PDF with an encryption dictionary", assemblePDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
			"<< /Filter /Standard /V 2 /R 3 /Length 128 /O <0000000000000000000000000000000000000000000000000000000000000000> /U <0000000000000000000000000000000000000000000000000000000000000000> /P -4 >>",
		}, "/Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"), anyDocument, Limits{}, ErrPDFEncrypted, nil},
		{"PDF encrypted by a handler nobody knows", assemblePDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
			"<< /Filter /Vendor.Secret /V 9 /R 9 >>",
		}, "/Encrypt 4 0 R"), anyDocument, Limits{}, ErrPDFEncrypted, nil},
		{"PDF over the page limit", makePDF(3, ""), anyDocument, Limits{Pages: 2}, ErrPDFPages, map[string]any{"Pages": 3, "Max": 2}},
		{"PDF with no pages", makePDF(0, ""), anyDocument, Limits{}, ErrPDFBroken, nil},
		{"JPEG cut short", jpg[:len(jpg)/3], anyDocument, Limits{}, ErrImageBroken, nil},
		{"JPEG header declaring a huge image", hugeHeader(jpg, 60000, 60000), anyDocument, Limits{}, ErrImagePixels, map[string]any{"Width": 60000, "Height": 60000, "Max": int64(40)}},
		{"PNG over the pixel limit", encodePNG(image.NewGray(image.Rect(0, 0, 300, 200))), imagesOnly, Limits{Pixels: 50_000}, ErrImagePixels, nil},
		{"photo too small", encodeJPEG(picture(300, 400, 2), 95), photoRule, Limits{}, ErrPhotoSize, map[string]any{"Width": 300, "Height": 400, "MinWidth": 354}},
		{"photo too large", encodeJPEG(picture(600, 800, 3), 95), photoRule, Limits{}, ErrPhotoSize, nil},
		{"photo square", encodeJPEG(picture(400, 472, 4), 95), photoRule, Limits{}, ErrPhotoRatio, map[string]any{"Ratio": "3:4"}},
		{"photo blank: no quality weighs 40 KB", encodeJPEG(image.NewGray(image.Rect(0, 0, 354, 472)), 90), photoRule, Limits{}, ErrPhotoBytes, map[string]any{"Min": 40, "Max": 120}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := check(tt.data, tt.rule, tt.limits)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v (%s, %d bytes), want %v", err, f.Type, len(f.Bytes), tt.want)
			}
			var e *chancery.Error
			errors.As(err, &e)
			for k, v := range tt.fields {
				if e.Data[k] != v {
					t.Errorf("Data[%s] = %#v, want %#v (all: %v)", k, e.Data[k], v, e.Data)
				}
			}
		})
	}
}

// hugeHeader rewrites the size in a JPEG's SOF0 segment: a few hundred
// bytes that would ask a decoder for gigabytes.
func hugeHeader(jpg []byte, w, h int) []byte {
	out := append([]byte{}, jpg...)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	out[i+5], out[i+6] = byte(h>>8), byte(h)
	out[i+7], out[i+8] = byte(w>>8), byte(w)
	return out
}

// TestCheckAccepts: files that must pass, with what is kept.
func TestCheckAccepts(t *testing.T) {
	t.Parallel()
	good := makePDF(2, "/Outlines 4 0 R", "<< /Type /Outlines /Count 0 >>")
	f, err := check(good, anyDocument, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Type != casework.TypePDF || f.Pages != 2 || !bytes.Equal(f.Bytes, good) {
		t.Errorf("PDF: got %s with %d pages, %d bytes; want the PDF as sent, 2 pages", f.Type, f.Pages, len(f.Bytes))
	}
	// A link to a web page is no action run by itself: kept.
	link := makePDF(1, "", "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://example.org/) >> >>")
	if _, err := check(link, pdfOnly, Limits{}); err != nil {
		t.Errorf("PDF with a web link: %v", err)
	}
	png1 := encodePNG(picture(120, 80, 5))
	f, err = check(png1, imagesOnly, Limits{})
	if err != nil || f.Type != casework.TypePNG || f.Width != 120 || f.Height != 80 {
		t.Fatalf("PNG: %v, %s %dx%d", err, f.Type, f.Width, f.Height)
	}
	if _, err := png.Decode(bytes.NewReader(f.Bytes)); err != nil {
		t.Errorf("the kept PNG does not decode: %v", err)
	}
	photo := encodeJPEG(picture(390, 520, 6), 92)
	f, err = check(photo, photoRule, Limits{})
	if err != nil {
		t.Fatalf("a photo of 390×520: %v", err)
	}
	if f.Type != casework.TypeJPEG || f.Width != 390 || f.Height != 520 || len(f.Bytes) < 40<<10 || len(f.Bytes) > 120<<10 {
		t.Errorf("photo kept as %s %dx%d of %d bytes; want a JPEG of 390x520 within 40 to 120 KB", f.Type, f.Width, f.Height, len(f.Bytes))
	}
	// A JPEG with a web page after its end (a JPEG/HTML polyglot) passes
	// as the image it shows; what follows the image is not kept.
	tail := []byte("<html><script>alert(1)</script></html>")
	f, err = check(append(encodeJPEG(picture(64, 48, 8), 90), tail...), imagesOnly, Limits{})
	if err != nil || bytes.Contains(f.Bytes, tail) {
		t.Errorf("JPEG followed by HTML: %v; kept the HTML: %v", err, bytes.Contains(f.Bytes, tail))
	}
	// What passed passes again: the kept bytes are a file of the same kind.
	for _, tt := range []struct {
		data []byte
		rule casework.DocumentRule
	}{{good, anyDocument}, {png1, imagesOnly}, {photo, photoRule}} {
		first, _ := check(tt.data, tt.rule, Limits{})
		if again, err := check(first.Bytes, tt.rule, Limits{}); err != nil || again.Type != first.Type {
			t.Errorf("%s kept does not pass again: %v", first.Type, err)
		}
	}
}

// TestImageMetadataDropped: a phone photo with its GPS position in EXIF and
// an orientation of 6 (taken with the phone turned) comes out upright and
// with no EXIF at all.
func TestImageMetadataDropped(t *testing.T) {
	t.Parallel()
	// Stored as 80 wide, 60 high, left half red, right half blue; shown
	// turned 90° clockwise: 60 wide, 80 high, top red, bottom blue.
	jpg := withEXIF(encodeJPEG(picture(80, 60, 7), 95), exifTIFF(6))
	if !bytes.Contains(jpg, []byte(gpsMarker)) {
		t.Fatal("the fixture has no GPS")
	}
	f, err := check(jpg, imagesOnly, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{gpsMarker, "Exif\x00\x00", "II*\x00"} {
		if bytes.Contains(f.Bytes, []byte(s)) {
			t.Errorf("the kept JPEG still holds %q", s)
		}
	}
	if f.Width != 60 || f.Height != 80 {
		t.Errorf("kept %dx%d, want 60x80 (upright)", f.Width, f.Height)
	}
	img, err := jpeg.Decode(bytes.NewReader(f.Bytes))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 60 || b.Dy() != 80 {
		t.Fatalf("decoded %v, want 60x80", b)
	}
	red := func(x, y int) bool { r, _, b, _ := img.At(x, y).RGBA(); return r > b }
	if !red(30, 10) || red(30, 70) {
		t.Errorf("not turned clockwise: top red %v, bottom red %v; want top red, bottom blue", red(30, 10), red(30, 70))
	}
}

// TestOrientations: every EXIF orientation puts the stored picture's
// top-left corner where the camera's owner saw it.
func TestOrientations(t *testing.T) {
	t.Parallel()
	src := image.NewNRGBA(image.Rect(0, 0, 3, 2))
	src.Pix[0], src.Pix[3] = 255, 255 // the top-left pixel is red
	// Where the stored top-left pixel lands, and the size shown.
	want := map[int]struct{ x, y, w, h int }{
		1: {0, 0, 3, 2}, 2: {2, 0, 3, 2}, 3: {2, 1, 3, 2}, 4: {0, 1, 3, 2},
		5: {0, 0, 2, 3}, 6: {1, 0, 2, 3}, 7: {1, 2, 2, 3}, 8: {0, 2, 2, 3},
	}
	for o, w := range want {
		img := upright(src, o)
		if b := img.Bounds(); b.Dx() != w.w || b.Dy() != w.h {
			t.Errorf("orientation %d: size %v, want %dx%d", o, b, w.w, w.h)
			continue
		}
		if r, _, _, _ := img.At(w.x, w.y).RGBA(); r == 0 {
			t.Errorf("orientation %d: the red pixel is not at (%d,%d)", o, w.x, w.y)
		}
	}
	for _, o := range []int{0, 1, 2, 6, 8, 9} {
		jpg := withEXIF(encodeJPEG(src, 90), exifTIFF(o))
		got := orientation(jpg, casework.TypeJPEG)
		if want := max(o, 1); o > 8 && got != 1 || o <= 8 && got != want {
			t.Errorf("orientation read from EXIF %d: %d", o, got)
		}
	}
}

// TestCaseLimit: a file that fits alone is refused when the case's files
// would weigh too much together.
func TestCaseLimit(t *testing.T) {
	t.Parallel()
	good := makePDF(1, "")
	limits := Limits{CaseBytes: 10 << 20}
	if _, err := Check(context.Background(), bytes.NewReader(good), pdfOnly, limits, 10<<20-int64(len(good))); err != nil {
		t.Errorf("a file that just fits: %v", err)
	}
	_, err := Check(context.Background(), bytes.NewReader(good), pdfOnly, limits, 10<<20-int64(len(good))+1)
	if !errors.Is(err, ErrCaseFull) || chancery.ErrorCode(err) != chancery.ETOOLARGE {
		t.Errorf("one byte over: %v, want ErrCaseFull (too_large)", err)
	}
	var e *chancery.Error
	if errors.As(err, &e); e == nil || e.Data["Max"] != int64(10) {
		t.Errorf("the refusal names no limit: %v", err)
	}
}

// TestEncryptedWithEmptyPassword: a PDF encrypted so that it opens without
// a password (pdfcpu decrypts it while reading) is still refused.
func TestEncryptedWithEmptyPassword(t *testing.T) {
	t.Parallel()
	data := encryptedPDF(t)
	if _, err := check(data, pdfOnly, Limits{}); !errors.Is(err, ErrPDFEncrypted) {
		t.Errorf("got %v, want ErrPDFEncrypted", err)
	}
}

// TestCancelled: when the caller gives up, Check says so and passes no
// verdict on the file.
func TestCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Check(ctx, bytes.NewReader(makePDF(1, "")), pdfOnly, Limits{}, 0)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestSniffIgnoresName(t *testing.T) {
	t.Parallel()
	if got := sniff([]byte("  \n<HTML><BODY>x")); got != "html" {
		t.Errorf("HTML in capitals after spaces: %q", got)
	}
	if got := sniff([]byte("\x00\x00\x00\x18ftypavif")); got != "avif" {
		t.Errorf("AVIF: %q", got)
	}
	if strings.ToUpper(casework.TypeJPEG) != "JPEG" {
		t.Error("type names are shown in capitals")
	}
}
