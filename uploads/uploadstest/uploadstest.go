// Package uploadstest makes files for the tests of code that takes
// uploads: PDFs built by hand and images drawn, each of which passes
// uploads.Check unless made not to.
package uploadstest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
)

// PDF builds a PDF by hand: a catalog (with extra entries in its
// dictionary), a page tree of pages empty pages, and the objects in more,
// each "N 0 obj … endobj" numbered from 4 on, with a correct xref table.
func PDF(pages int, catalogExtra string, more ...string) []byte {
	var objs []string
	kids := make([]string, pages)
	first := 4 + len(more)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", first+i)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R "+catalogExtra+" >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages),
		"<< /Length 0 >>\nstream\n\nendstream",
	)
	objs = append(objs, more...)
	for range pages {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << >> >>")
	}
	return AssemblePDF(objs, "")
}

// AssemblePDF numbers objs from 1, writes them with an xref table and a
// trailer (with trailerExtra in its dictionary).
func AssemblePDF(objs []string, trailerExtra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, xref)
	return b.Bytes()
}

// PDFWithStream is a one-page PDF carrying data in a stream of its own,
// as it is (for example the EICAR test file, which a virus scanner finds
// anywhere in a file).
func PDFWithStream(data []byte) []byte {
	return PDF(1, "", fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data))
}

// PNG is a w×h PNG drawn in two colours, such as an ID photo of the
// right size (360 × 480) passes the photo rule.
func PNG(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{R: 200, G: 30, B: 30, A: 255}
			if x >= w/2 {
				c = color.NRGBA{R: 30, G: 30, B: 200, A: 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}
