package paper_test

import (
	"bytes"
	"image"
	_ "image/png"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// ReadQR decodes the QR code of the PDF's first image with gozxing, a Go
// port of ZXing: a reader that shares nothing with the encoder.
func ReadQR(t *testing.T, pdf []byte) string {
	t.Helper()
	// Built here, as uploads does, so pdfcpu reads or writes no
	// configuration file of its own.
	conf := &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Eol: types.EolLF, Offline: true, Timeout: 5}
	pages, err := api.ExtractImagesRaw(bytes.NewReader(pdf), nil, conf)
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range pages {
		for _, im := range page {
			img, _, err := image.Decode(im)
			if err != nil {
				t.Fatalf("image %s (%s): %v", im.Name, im.FileType, err)
			}
			bmp, err := gozxing.NewBinaryBitmapFromImage(img)
			if err != nil {
				t.Fatal(err)
			}
			res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
			if err != nil {
				t.Fatalf("no QR code in %s: %v", im.Name, err)
			}
			return res.GetText()
		}
	}
	t.Fatal("the PDF has no image")
	return ""
}
