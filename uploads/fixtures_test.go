package uploads

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"

	"github.com/chancery-platform/chancery/uploads/uploadstest"
)

// makePDF builds a PDF by hand (uploadstest.PDF).
func makePDF(pages int, catalogExtra string, more ...string) []byte {
	return uploadstest.PDF(pages, catalogExtra, more...)
}

// assemblePDF numbers objs from 1 with an xref table (uploadstest.AssemblePDF).
func assemblePDF(objs []string, trailerExtra string) []byte {
	return uploadstest.AssemblePDF(objs, trailerExtra)
}

// picture is a w×h image whose left half is red and right half blue, with
// noise so that it weighs what a photo does.
func picture(w, h int, seed uint64) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rnd := rand.New(rand.NewPCG(seed, 1))
	for y := range h {
		for x := range w {
			c := color.NRGBA{R: 200, G: 30, B: 30, A: 255}
			if x >= w/2 {
				c = color.NRGBA{R: 30, G: 30, B: 200, A: 255}
			}
			n := uint8(rnd.IntN(40))
			c.R, c.G, c.B = c.R+n/2, c.G+n, c.B+n/2
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encodeJPEG(img image.Image, quality int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func encodePNG(img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// gpsMarker is a place name written into the EXIF of test photos; it must
// not survive a check.
const gpsMarker = "Chongqing-GPS-29.56N-106.55E"

// exifTIFF is an EXIF TIFF block (little-endian) with IFD0 holding the
// orientation and a pointer to a GPS IFD, whose latitude reference and an
// ASCII tag carry gpsMarker.
func exifTIFF(orientation int) []byte {
	var t bytes.Buffer
	le := binary.LittleEndian
	t.WriteString("II*\x00")
	binary.Write(&t, le, uint32(8))
	// IFD0 at 8: two entries.
	gpsIFD := uint32(8 + 2 + 2*12 + 4)
	binary.Write(&t, le, uint16(2))
	binary.Write(&t, le, []uint16{0x0112, 3})
	binary.Write(&t, le, uint32(1))
	binary.Write(&t, le, []uint16{uint16(orientation), 0})
	binary.Write(&t, le, []uint16{0x8825, 4})
	binary.Write(&t, le, uint32(1))
	binary.Write(&t, le, gpsIFD)
	binary.Write(&t, le, uint32(0))
	// GPS IFD: latitude ref "N" and a processing-method tag holding the marker.
	text := uint32(int(gpsIFD) + 2 + 2*12 + 4)
	binary.Write(&t, le, uint16(2))
	binary.Write(&t, le, []uint16{0x0001, 2})
	binary.Write(&t, le, uint32(2))
	t.WriteString("N\x00\x00\x00")
	binary.Write(&t, le, []uint16{0x001B, 7})
	binary.Write(&t, le, uint32(len(gpsMarker)))
	binary.Write(&t, le, text)
	binary.Write(&t, le, uint32(0))
	t.WriteString(gpsMarker)
	return t.Bytes()
}

// withEXIF puts an Exif APP1 segment holding tiff right after a JPEG's SOI.
func withEXIF(jpg, tiff []byte) []byte {
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, 0xFF, 0xE1, byte((len(seg)+2)>>8), byte(len(seg)+2))
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}
