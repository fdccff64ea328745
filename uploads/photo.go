package uploads

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"strconv"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
)

// PhotoRule is what software can check of an ID photo: its pixel size,
// the ratio of its width to its height and, for a JPEG, how much the kept
// file weighs. Whether the face is right is for a person to judge.
type PhotoRule struct {
	MinWidth, MinHeight int     // the smallest photo, in pixels
	MaxWidth, MaxHeight int     // the largest photo, in pixels
	RatioW, RatioH      int     // width : height
	Tolerance           float64 // how far from the ratio, as a fraction of it
	MinJPEGBytes        int     // the lightest kept JPEG; 0: no lower bound
	MaxJPEGBytes        int     // the heaviest kept JPEG; 0: no upper bound
}

// ChinaVisaPhoto is the digital photo China's visa applications ask for:
// 354 × 472 to 420 × 560 pixels (3:4), a JPEG of 40 to 120 KB. The figures
// are those in the project's reference notes, which name no primary source
// for them: the rule is the mission's configuration, set by the mission,
// and shown as such.
func ChinaVisaPhoto() PhotoRule {
	return PhotoRule{
		MinWidth: 354, MinHeight: 472, MaxWidth: 420, MaxHeight: 560,
		RatioW: 3, RatioH: 4, Tolerance: 0.02,
		MinJPEGBytes: 40 << 10, MaxJPEGBytes: 120 << 10,
	}
}

// Photo refusals.
var (
	// ErrPhotoSize: the photo's pixel size is outside the rule; Width and
	// Height are the photo's, MinWidth … MaxHeight the rule's.
	ErrPhotoSize = chancery.Errorf(chancery.EINVALID, "error.upload_photo_size")
	// ErrPhotoRatio: the photo's width to height is not the rule's; Width,
	// Height and Ratio ("3:4") say so.
	ErrPhotoRatio = chancery.Errorf(chancery.EINVALID, "error.upload_photo_ratio")
	// ErrPhotoBytes: no JPEG quality from photoQualities keeps the photo
	// within the rule's weight; Min and Max are in KB.
	ErrPhotoBytes = chancery.Errorf(chancery.EINVALID, "error.upload_photo_bytes")
)

// photoQualities are the JPEG qualities tried, in order, to keep a photo
// within the rule's weight, the usual one first.
var photoQualities = []int{JPEGQuality, 85, 95, 80, 75, 70, 100, 60, 50}

// checkPhoto holds f, a checked image decoded as img, to rule. The weight bounds apply to
// the file kept, which is what the mission forwards, not to the one sent:
// when the usual quality misses them, other qualities are tried, so a
// photo is refused for its weight only when no quality fits (in practice
// a nearly blank or a very noisy picture).
func checkPhoto(f File, img image.Image, rule PhotoRule) (File, error) {
	if f.Width < rule.MinWidth || f.Height < rule.MinHeight || f.Width > rule.MaxWidth || f.Height > rule.MaxHeight {
		return File{}, ErrPhotoSize.With("Width", f.Width, "Height", f.Height,
			"MinWidth", rule.MinWidth, "MinHeight", rule.MinHeight, "MaxWidth", rule.MaxWidth, "MaxHeight", rule.MaxHeight)
	}
	if rule.RatioW > 0 && rule.RatioH > 0 {
		want := float64(rule.RatioW) / float64(rule.RatioH)
		if got := float64(f.Width) / float64(f.Height); math.Abs(got-want) > want*rule.Tolerance {
			return File{}, ErrPhotoRatio.With("Width", f.Width, "Height", f.Height, "Ratio", ratio(rule))
		}
	}
	if f.Type != casework.TypeJPEG || fits(len(f.Bytes), rule) {
		return f, nil
	}
	for _, q := range photoQualities[1:] {
		var out bytes.Buffer
		if err := jpeg.Encode(&out, img, &jpeg.Options{Quality: q}); err != nil {
			return File{}, err
		}
		if fits(out.Len(), rule) {
			f.Bytes = out.Bytes()
			return f, nil
		}
	}
	return File{}, ErrPhotoBytes.With("Min", rule.MinJPEGBytes>>10, "Max", rule.MaxJPEGBytes>>10)
}

func fits(n int, rule PhotoRule) bool {
	return n >= rule.MinJPEGBytes && (rule.MaxJPEGBytes == 0 || n <= rule.MaxJPEGBytes)
}

func ratio(rule PhotoRule) string {
	return strconv.Itoa(rule.RatioW) + ":" + strconv.Itoa(rule.RatioH)
}
