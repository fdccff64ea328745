package paper_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"

	"github.com/chancery-platform/chancery/paper"
)

// TestRender: a letter in Chinese with a Belarusian letterhead is a PDF
// pdfcpu reads and validates, with both fonts embedded (subset) and one
// page.
func TestRender(t *testing.T) {
	l := paper.Letter{
		Letterhead: []string{"Генеральнае консульства Рэспублікі Беларусь у Чунцыне", "白俄罗斯共和国驻重庆总领事馆", "Consulate General of the Republic of Belarus in Chongqing"},
		Address:    "重庆市渝北区",
		Title:      "回国证明",
		Fields:     [][2]string{{"编号", "7F3K-9QXA"}, {"持有人", "IVANOU I. I."}},
		Body:       []string{strings.Repeat("本文件由领事签发。", 30)},
		Note:       "带有领事签名和印章的纸质文件是法律文件；PDF上的印章仅用于核对完整性。",
		Code:       "3YAAAAAA",
		URL:        "https://consulate.example/verify/3YAAAAAA" + strings.Repeat("ABCDEFGH", 28),
		CodeLabel:  "核验:",
		Issued:     time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC),
	}
	start := time.Now()
	out, err := paper.Render(l)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes in %v", len(out), time.Since(start))
	if os.Getenv("PAPER_OUT") != "" {
		os.WriteFile(os.Getenv("PAPER_OUT"), out, 0o644)
	}
	if len(out) > 400<<10 {
		t.Errorf("the PDF is %d KB: the fonts are not subset", len(out)>>10)
	}
	ctx, err := pdfcpu.ReadWithContext(context.Background(), bytes.NewReader(out), &model.Configuration{Reader15: true,
		ValidationMode: model.ValidationRelaxed, Eol: types.EolLF, Offline: true, Timeout: 5})
	if err != nil {
		t.Fatal(err)
	}
	if err := validate.XRefTable(ctx); err != nil {
		t.Fatalf("validate: %v", err)
	}
	fonts := map[string]bool{}
	embedded := 0
	for _, e := range ctx.XRefTable.Table {
		d, ok := e.Object.(types.Dict)
		if !ok {
			continue
		}
		if d.Type() != nil && *d.Type() == "Font" {
			if n := d.NameEntry("BaseFont"); n != nil {
				fonts[*n] = true
			}
		}
		if _, ok := d.Find("FontFile2"); ok {
			embedded++
		}
	}
	var names []string
	for n := range fonts {
		names = append(names, n)
	}
	if !fonts["droid"] || !fonts["go"] || embedded < 2 {
		t.Errorf("fonts %v, %d embedded", names, embedded)
	}
}

// TestQRInPDF: the QR code the PDF carries decodes (read back from the
// PDF's image by an independent decoder) to the verify address.
func TestQRInPDF(t *testing.T) {
	url := "https://consulate.example/verify/3QAZQS2WFXAFCOQAAAHWE6JNMNTS2Y3IN5XGO4LJNZTRE4TFOR2XE3RNMNSXE5DJMZUWGYLUMUDGS43TOVSWICKNKM3EOLJSG5BDGDCJKZAU4T2VEBES4ICJF2OKQH3CSJJIDDH25F27AAIMTVX5Y5J3BCJSR7B6PGL4KM4WJHCKNKN4SURJOD5CUXHQREZMQASUQ6QDQDI2PIZHHJ5PUVASEJC7DSIG"
	out, err := paper.Render(paper.Letter{Title: "Certificate of return", URL: url, Issued: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if got := ReadQR(t, out); got != url {
		t.Errorf("QR code holds %q, want %q", got, url)
	}
}
