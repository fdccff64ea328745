package uploads

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
)

// Image refusals.
var (
	// ErrImageBroken: the file starts as a JPEG or PNG but does not decode.
	ErrImageBroken = chancery.Errorf(chancery.EINVALID, "error.upload_image_broken")
	// ErrImagePixels: more pixels than Limits.Pixels, found from the
	// header before any decoding; Width, Height and Max (megapixels) say so.
	ErrImagePixels = chancery.Errorf(chancery.EINVALID, "error.upload_image_pixels")
)

// JPEGQuality is the quality images are encoded again at.
const JPEGQuality = 90

// checkImage decodes data (a JPEG or PNG, as kind says), turns it upright
// per its EXIF orientation and encodes it again in its own format, so that
// nothing but the pixels is kept: no EXIF (GPS, camera, time), comments,
// colour profiles or data hidden after the image.
// The decoded, upright image is returned too, for a photo's weight to be
// met from it rather than from the encoded copy.
func checkImage(data []byte, kind string, limits Limits) (File, image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return File{}, nil, ErrImageBroken
	}
	// Before decoding: a small file can declare a huge image (a
	// decompression bomb), and decoding allocates what the header says.
	if int64(cfg.Width)*int64(cfg.Height) > limits.Pixels {
		return File{}, nil, ErrImagePixels.With("Width", cfg.Width, "Height", cfg.Height, "Max", limits.Pixels/1_000_000)
	}
	var img image.Image
	if kind == casework.TypeJPEG {
		img, err = jpeg.Decode(bytes.NewReader(data))
	} else {
		img, err = png.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return File{}, nil, ErrImageBroken
	}
	img = upright(img, orientation(data, kind))
	var out bytes.Buffer
	if kind == casework.TypeJPEG {
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: JPEGQuality})
	} else {
		err = png.Encode(&out, img)
	}
	if err != nil {
		return File{}, nil, err
	}
	b := img.Bounds()
	return File{Type: kind, Bytes: out.Bytes(), Width: b.Dx(), Height: b.Dy()}, img, nil
}

// upright applies an EXIF orientation (1 to 8) to img: the rotation and
// mirroring that show it as the camera's owner saw it.
func upright(img image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	src := image.NewNRGBA(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
	draw.Draw(src, src.Bounds(), img, img.Bounds().Min, draw.Src)
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // turned 180°
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored upside down
				dx, dy = x, h-1-y
			case 5: // mirrored along the main diagonal
				dx, dy = y, x
			case 6: // turned 90° clockwise to be upright
				dx, dy = h-1-y, x
			case 7: // mirrored along the other diagonal
				dx, dy = h-1-y, w-1-x
			case 8: // turned 90° anticlockwise to be upright
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dy*dst.Stride+dx*4:dy*dst.Stride+dx*4+4], src.Pix[y*src.Stride+x*4:y*src.Stride+x*4+4])
		}
	}
	return dst
}
