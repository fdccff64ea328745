package uploads

import (
	"bytes"
	"encoding/binary"

	"github.com/chancery-platform/chancery/casework"
)

// orientation returns the EXIF orientation (1 to 8) of a JPEG or PNG, 1
// when it has none or it cannot be read. Only IFD0's tag 0x0112 is read:
// the rest of the EXIF block is thrown away with the metadata, so a full
// EXIF library would be a large dependency for one number.
func orientation(data []byte, kind string) int {
	var tiff []byte
	if kind == casework.TypeJPEG {
		tiff = jpegEXIF(data)
	} else {
		tiff = pngEXIF(data)
	}
	return tiffOrientation(tiff)
}

// jpegEXIF returns the TIFF block of a JPEG's first Exif APP1 segment.
func jpegEXIF(data []byte) []byte {
	i := 2 // after SOI
	for i+4 <= len(data) && data[i] == 0xFF {
		marker := data[i+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xFF {
			i++ // markers without a length; 0xFF is fill
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
			return nil
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return seg[6:]
		}
		i += 2 + n
	}
	return nil
}

// pngEXIF returns the content of a PNG's eXIf chunk before its image data.
func pngEXIF(data []byte) []byte {
	for i := 8; i+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		kind := string(data[i+4 : i+8])
		if n < 0 || n > len(data)-i-12 {
			return nil
		}
		switch kind {
		case "eXIf":
			return data[i+8 : i+8+n]
		case "IDAT", "IEND":
			return nil
		}
		i += 12 + n
	}
	return nil
}

// tiffOrientation reads tag 0x0112 from the first IFD of an EXIF TIFF block.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 1
	}
	ifd := int(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	count := int(bo.Uint16(t[ifd:]))
	for i := 0; i < count; i++ {
		e := ifd + 2 + 12*i
		if e+12 > len(t) {
			return 1
		}
		// Type 3 (SHORT), count 1: the value sits in the entry's first two bytes.
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 {
			if o := int(bo.Uint16(t[e+8:])); o >= 1 && o <= 8 {
				return o
			}
			return 1
		}
	}
	return 1
}
