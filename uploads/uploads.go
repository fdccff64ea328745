// Package uploads checks the files an applicant uploads against the
// checklist item they are for (casework.DocumentRule): the type judged from
// the content, never the name or the Content-Type; PDFs parsed whole and
// refused when encrypted or carrying scripts, actions or attachments; images
// decoded, turned upright and encoded again, so no metadata (GPS, comments,
// colour profiles) survives; ID photos held to the mission's photo rule.
// It knows nothing of HTTP or storage: the bytes it returns are the ones to
// keep.
package uploads

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
)

// Limits are the mission's bounds on uploads; a zero field takes its
// default (DefaultLimits).
type Limits struct {
	FileBytes int64 // the most one file may weigh as sent
	CaseBytes int64 // the most one case's kept files may weigh together
	Pages     int   // the most pages one PDF may have
	Pixels    int64 // the most pixels (width × height) one image may have
	// PDFExpanded is the most a PDF's compressed streams may expand to,
	// together: what parsing may hold in memory beyond the file.
	PDFExpanded int64
	Photo       PhotoRule // what an ID photo must be
}

// DefaultLimits are the bounds unless the mission sets others: 10 MB a
// file, 50 MB a case, 50 pages, 40 megapixels, 256 MB of a PDF's streams
// expanded, the China visa photo.
func DefaultLimits() Limits {
	return Limits{
		FileBytes:   10 << 20,
		CaseBytes:   50 << 20,
		Pages:       50,
		Pixels:      40_000_000,
		PDFExpanded: 256 << 20,
		Photo:       ChinaVisaPhoto(),
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.FileBytes <= 0 {
		l.FileBytes = d.FileBytes
	}
	if l.CaseBytes <= 0 {
		l.CaseBytes = d.CaseBytes
	}
	if l.Pages <= 0 {
		l.Pages = d.Pages
	}
	if l.Pixels <= 0 {
		l.Pixels = d.Pixels
	}
	if l.PDFExpanded <= 0 {
		l.PDFExpanded = d.PDFExpanded
	}
	if l.Photo == (PhotoRule{}) {
		l.Photo = d.Photo
	}
	return l
}

// File is an upload that passed: its type, the bytes to keep (a PDF as it
// was sent; an image encoded anew) and its size in pages or pixels.
type File struct {
	Type   string // casework.TypePDF, TypeJPEG or TypePNG
	Bytes  []byte
	Pages  int // a PDF's pages; 0 for an image
	Width  int // an image's width in pixels, upright; 0 for a PDF
	Height int
}

// Refusals. Errors made from these carry in Data what was wrong, for the
// message and for the API.
var (
	// ErrTooLarge: the file weighs more than FileBytes; Max is the limit in MB.
	ErrTooLarge = chancery.Errorf(chancery.ETOOLARGE, "error.upload_too_large")
	// ErrCaseFull: keeping the file would take the case over CaseBytes; Max
	// is the limit in MB.
	ErrCaseFull = chancery.Errorf(chancery.ETOOLARGE, "error.upload_case_full")
	// ErrEmpty: the file has no content.
	ErrEmpty = chancery.Errorf(chancery.EINVALID, "error.upload_empty")
	// ErrType: the content is of a type the item does not take; Found names
	// it ("GIF", "HTML", …) and Allowed lists what is taken.
	ErrType = chancery.Errorf(chancery.EINVALID, "error.upload_type")
	// ErrTypeUnknown: the content is of no type known here; Allowed lists
	// what is taken.
	ErrTypeUnknown = chancery.Errorf(chancery.EINVALID, "error.upload_type_unknown")
)

// Check reads one upload from r for the checklist item rule and returns
// what to keep, or an *chancery.Error saying why not: ETOOLARGE over a size
// limit, EINVALID for anything else; or the error of reading r, or of ctx
// when it ends first, which judge nothing of the file. caseBytes is what the case's kept
// files weigh already. It holds at most limits.FileBytes of r in memory,
// plus what decoding an image of at most limits.Pixels needs.
func Check(ctx context.Context, r io.Reader, rule casework.DocumentRule, limits Limits, caseBytes int64) (File, error) {
	limits = limits.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, limits.FileBytes+1))
	if err != nil {
		return File{}, err
	}
	if int64(len(data)) > limits.FileBytes {
		return File{}, ErrTooLarge.With("Max", megabytes(limits.FileBytes))
	}
	f, err := checkBytes(ctx, data, rule, limits)
	if err != nil {
		return File{}, err
	}
	if caseBytes+int64(len(f.Bytes)) > limits.CaseBytes {
		return File{}, ErrCaseFull.With("Max", megabytes(limits.CaseBytes))
	}
	return f, nil
}

func checkBytes(ctx context.Context, data []byte, rule casework.DocumentRule, limits Limits) (File, error) {
	if len(data) == 0 {
		return File{}, ErrEmpty
	}
	allowed := rule.Types
	if rule.Photo {
		// A photo is an image, whatever else the item lists.
		allowed = slices.DeleteFunc(slices.Clone(allowed), func(t string) bool { return t == casework.TypePDF })
	}
	found := sniff(data)
	if !slices.Contains(allowed, found) {
		names := make([]string, len(allowed))
		for i, t := range allowed {
			names[i] = strings.ToUpper(t)
		}
		list := strings.Join(names, ", ")
		if found == "" {
			return File{}, ErrTypeUnknown.With("Allowed", list)
		}
		return File{}, ErrType.With("Found", strings.ToUpper(found), "Allowed", list)
	}
	switch found {
	case casework.TypePDF:
		return checkPDF(ctx, data, limits)
	default:
		f, img, err := checkImage(data, found, limits)
		if err != nil || !rule.Photo {
			return f, err
		}
		return checkPhoto(f, img, limits.Photo)
	}
}

// signatures are the first bytes of the types this package knows, the
// three it takes and others named only to tell the applicant what they sent.
var signatures = []struct {
	prefix string
	offset int
	name   string
}{
	{"%PDF-", 0, casework.TypePDF},
	{"\xFF\xD8\xFF", 0, casework.TypeJPEG},
	{"\x89PNG\r\n\x1a\n", 0, casework.TypePNG},
	{"GIF87a", 0, "gif"},
	{"GIF89a", 0, "gif"},
	{"PK\x03\x04", 0, "zip"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0, "doc"},
	{"{\\rtf", 0, "rtf"},
	{"MZ", 0, "exe"},
	{"\x7FELF", 0, "elf"},
	{"II*\x00", 0, "tiff"},
	{"MM\x00*", 0, "tiff"},
	{"BM", 0, "bmp"},
	{"WEBP", 8, "webp"},
	{"ftypheic", 4, "heic"},
	{"ftypheix", 4, "heic"},
	{"ftypmif1", 4, "heic"},
	{"ftypavif", 4, "avif"},
}

// sniff names the type of data from its content alone, "" when unknown.
func sniff(data []byte) string {
	for _, s := range signatures {
		if len(data) >= s.offset+len(s.prefix) && string(data[s.offset:s.offset+len(s.prefix)]) == s.prefix {
			return office(s.name, data)
		}
	}
	head := bytes.ToLower(bytes.TrimLeft(data[:min(len(data), 512)], "\xEF\xBB\xBF \t\r\n"))
	switch {
	case bytes.Contains(head, []byte("<svg")):
		return "svg"
	case bytes.HasPrefix(head, []byte("<!doctype html")), bytes.Contains(head, []byte("<html")),
		bytes.Contains(head, []byte("<script")), bytes.Contains(head, []byte("<body")):
		return "html"
	case bytes.HasPrefix(head, []byte("<?xml")):
		return "xml"
	}
	return ""
}

// megabytes is n bytes in whole MB (MiB), rounded down, for messages.
func megabytes(n int64) int64 { return n >> 20 }

// office names a ZIP by the Office document it is, when its first entries
// say (a Word or Excel file is a ZIP), so the applicant reads "DOCX".
func office(name string, data []byte) string {
	if name != "zip" {
		return name
	}
	head := data[:min(len(data), 4096)]
	switch {
	case bytes.Contains(head, []byte("word/")):
		return "docx"
	case bytes.Contains(head, []byte("xl/")):
		return "xlsx"
	case bytes.Contains(head, []byte("ppt/")):
		return "pptx"
	}
	return name
}
