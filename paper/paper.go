// Package paper prints a decided case's document as a PDF: a letterhead
// in the mission's four languages, the document's facts and text in the
// reader's language, and a QR code of its verify address. It wraps the
// PDF library (gopdf) and the QR encoder; the fonts are embedded, so the
// binary needs nothing installed.
package paper

import (
	_ "embed"
	"strings"
	"time"
	"unicode"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"rsc.io/qr"
)

//go:embed fonts/DroidSansFallback.ttf
var cjkFont []byte

// Letter is a document as printed, every text already in the language it
// is printed in.
type Letter struct {
	Letterhead []string // the mission's name in each of its languages
	Address    string
	Title      string
	Fields     [][2]string // label and value: reference, holder, date...
	Body       []string    // paragraphs
	Note       string      // that the signed and sealed paper is the legal document
	Code       string      // the seal's code, printed under the QR code
	URL        string      // the verify address the QR code carries
	CodeLabel  string
	Issued     time.Time
}

// Font families registered in every PDF.
const (
	latin     = "go"
	latinBold = "go-bold"
	cjk       = "droid"
)

// page geometry, in points (A4).
const (
	margin = 56.0
	width  = 595.28 - 2*margin
)

// Render prints the letter.
func Render(l Letter) ([]byte, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: l.Title, Creator: "chancery", CreationDate: l.Issued})
	for _, f := range []struct {
		name string
		data []byte
	}{{latin, goregular.TTF}, {latinBold, gobold.TTF}, {cjk, cjkFont}} {
		if err := pdf.AddTTFFontData(f.name, f.data); err != nil {
			return nil, err
		}
	}
	pdf.AddPage()
	w := &writer{pdf: pdf, y: margin}
	for _, h := range l.Letterhead {
		if err := w.paragraph(h, 11, true); err != nil {
			return nil, err
		}
	}
	if err := w.paragraph(l.Address, 9, false); err != nil {
		return nil, err
	}
	pdf.SetLineWidth(0.5)
	pdf.Line(margin, w.y+4, margin+width, w.y+4)
	w.y += 20
	if err := w.paragraph(l.Title, 16, true); err != nil {
		return nil, err
	}
	w.y += 8
	for _, f := range l.Fields {
		if err := w.paragraph(f[0]+": "+f[1], 11, false); err != nil {
			return nil, err
		}
	}
	w.y += 8
	for _, p := range l.Body {
		if err := w.paragraph(p, 11, false); err != nil {
			return nil, err
		}
		w.y += 6
	}
	code, err := qr.Encode(l.URL, qr.M)
	if err != nil {
		return nil, err
	}
	code.Scale = 4
	side := 130.0
	if w.y+side+120 > 842 {
		pdf.AddPage()
		w.y = margin
	}
	w.y += 10
	img, err := gopdf.ImageHolderByBytes(code.PNG())
	if err != nil {
		return nil, err
	}
	if err := pdf.ImageByHolder(img, margin, w.y, &gopdf.Rect{W: side, H: side}); err != nil {
		return nil, err
	}
	w.y += side + 6
	if err := w.paragraph(l.CodeLabel+" "+l.URL, 8, false); err != nil {
		return nil, err
	}
	w.y += 6
	if err := w.paragraph(l.Note, 9, false); err != nil {
		return nil, err
	}
	return pdf.GetBytesPdfReturnErr()
}

// writer lays text out line by line, each run of text in the font that
// has its letters: the Go font for Latin and Cyrillic, Droid Sans
// Fallback for Chinese.
type writer struct {
	pdf *gopdf.GoPdf
	y   float64
}

// run is a piece of text in one font.
type run struct {
	text string
	cjk  bool
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// noLineStart is the punctuation a Chinese line does not start with.
const noLineStart = "。，、；：？！）」』》〉】”’"

// tokens splits text where a line may break: at spaces, and around every
// Chinese character.
func tokens(text string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r == ' ':
			cur.WriteRune(r)
			flush()
		case strings.ContainsRune(noLineStart, r) && cur.Len() == 0 && len(out) > 0:
			out[len(out)-1] += string(r) // Chinese punctuation stays with what it follows
		case isCJK(r):
			flush()
			cur.WriteRune(r)
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

func runs(text string) []run {
	var out []run
	for _, r := range text {
		c := isCJK(r)
		if n := len(out); n > 0 && out[n-1].cjk == c {
			out[n-1].text += string(r)
			continue
		}
		out = append(out, run{string(r), c})
	}
	return out
}

func (w *writer) font(r run, size float64, bold bool) error {
	switch {
	case r.cjk:
		return w.pdf.SetFont(cjk, "", size)
	case bold:
		return w.pdf.SetFont(latinBold, "", size)
	}
	return w.pdf.SetFont(latin, "", size)
}

func (w *writer) measure(text string, size float64, bold bool) (float64, error) {
	total := 0.0
	for _, r := range runs(text) {
		if err := w.font(r, size, bold); err != nil {
			return 0, err
		}
		x, err := w.pdf.MeasureTextWidth(r.text)
		if err != nil {
			return 0, err
		}
		total += x
	}
	return total, nil
}

// paragraph writes text wrapped to the page's width, on a new page when
// the page is full.
func (w *writer) paragraph(text string, size float64, bold bool) error {
	var line string
	lineW := 0.0
	emit := func() error {
		if strings.TrimSpace(line) == "" {
			return nil
		}
		if w.y+size*1.4 > 842-margin {
			w.pdf.AddPage()
			w.y = margin
		}
		x := margin
		for _, r := range runs(strings.TrimRight(line, " ")) {
			if err := w.font(r, size, bold); err != nil {
				return err
			}
			w.pdf.SetXY(x, w.y)
			if err := w.pdf.Cell(nil, r.text); err != nil {
				return err
			}
			dx, err := w.pdf.MeasureTextWidth(r.text)
			if err != nil {
				return err
			}
			x += dx
		}
		w.y += size * 1.4
		line, lineW = "", 0
		return nil
	}
	var toks []string
	for _, t := range tokens(text) {
		tw, err := w.measure(t, size, bold)
		if err != nil {
			return err
		}
		if tw <= width {
			toks = append(toks, t)
			continue
		}
		// A word wider than the page (the verify address) breaks anywhere.
		for _, r := range t {
			toks = append(toks, string(r))
		}
	}
	for _, t := range toks {
		tw, err := w.measure(t, size, bold)
		if err != nil {
			return err
		}
		if lineW+tw > width && line != "" {
			if err := emit(); err != nil {
				return err
			}
		}
		line += t
		lineW += tw
	}
	return emit()
}
