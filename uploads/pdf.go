package uploads

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"
)

// PDF refusals.
var (
	// ErrPDFBroken: the file starts as a PDF but does not parse as one
	// (damaged, cut short, or another file behind a PDF header).
	ErrPDFBroken = chancery.Errorf(chancery.EINVALID, "error.upload_pdf_broken")
	// ErrPDFMixed: a PDF with another kind of content (a web page) before
	// its header, at its start or after its end.
	ErrPDFMixed = chancery.Errorf(chancery.EINVALID, "error.upload_pdf_mixed")
	// ErrPDFEncrypted: the PDF is encrypted or protected by a password.
	ErrPDFEncrypted = chancery.Errorf(chancery.EINVALID, "error.upload_pdf_encrypted")
	// ErrPDFActive: the PDF carries JavaScript, an action run on opening or
	// on an event, a program to launch or an attached file; Found names
	// the PDF key.
	ErrPDFActive = chancery.Errorf(chancery.EINVALID, "error.upload_pdf_active")
	// ErrPDFPages: more pages than Limits.Pages; Pages and Max say how many.
	ErrPDFPages = chancery.Errorf(chancery.EINVALID, "error.upload_pdf_pages")
)

// pdfTimeout bounds the parse of one PDF, so a crafted file cannot hold a
// worker.
const pdfTimeout = 20 * time.Second

// activeKeys are the dictionary keys of a PDF that make it do something
// when opened or acted on, rather than be read: scripts, actions run on
// opening or on events, programs to launch, files carried inside, forms
// (XFA) and media that run their own code.
var activeKeys = map[string]bool{
	"JS": true, "JavaScript": true, "OpenAction": true, "AA": true, "Launch": true,
	"EmbeddedFile": true, "EmbeddedFiles": true, "EF": true, "XFA": true,
	"RichMedia": true, "RichMediaContent": true,
}

// activeValues are the names that, as a /S (action type) or /Type, mark an
// active object even without one of activeKeys.
var activeValues = map[string]bool{
	"JavaScript": true, "Launch": true, "EmbeddedFile": true, "RichMedia": true,
	"ImportData": true, "SubmitForm": true, "GoToE": true,
}

// checkPDF parses data as a PDF and refuses what may act on the reader.
func checkPDF(ctx context.Context, data []byte, limits Limits) (f File, err error) {
	if err := checkPDFFrame(data); err != nil {
		return File{}, err
	}
	if err := checkExpansion(data, limits.PDFExpanded); err != nil {
		return File{}, err
	}
	defer func() {
		// A parser of hostile input may fail in ways its authors did not
		// foresee; a file that makes it panic is a broken file.
		if r := recover(); r != nil {
			f, err = File{}, broken(fmt.Errorf("pdfcpu panicked: %v", r))
		}
	}()
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	pc, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), pdfConfig())
	switch {
	case err != nil && parent.Err() != nil:
		return File{}, parent.Err() // the caller gave up: no verdict on the file
	case errors.Is(err, pdfcpu.ErrWrongPassword):
		return File{}, ErrPDFEncrypted
	case err != nil && bytes.Contains(data, []byte("/Encrypt")):
		// An encryption pdfcpu cannot open is encryption all the same.
		return File{}, ErrPDFEncrypted
	case err != nil:
		return File{}, broken(err)
	}
	if pc.Encrypt != nil || pc.E != nil {
		return File{}, ErrPDFEncrypted
	}
	if key, err := activeKey(ctx, pc.XRefTable); err != nil {
		return File{}, broken(err)
	} else if key != "" {
		return File{}, ErrPDFActive.With("Found", key)
	}
	if err := validate.XRefTable(pc); err != nil {
		return File{}, broken(err)
	}
	if err := pc.EnsurePageCount(); err != nil {
		return File{}, broken(err)
	}
	if pc.PageCount < 1 {
		return File{}, ErrPDFBroken
	}
	if pc.PageCount > limits.Pages {
		return File{}, ErrPDFPages.With("Pages", pc.PageCount, "Max", limits.Pages)
	}
	return File{Type: casework.TypePDF, Bytes: data, Pages: pc.PageCount}, nil
}

func broken(err error) *chancery.Error {
	e := ErrPDFBroken.With()
	e.Detail = err.Error()
	return e
}

// checkPDFFrame refuses what lies outside a PDF's frame: anything before
// "%PDF-", markup in its first kilobyte (where browsers and mail filters
// sniff), and anything but white space after the last "%%EOF"; a file cut
// short has no "%%EOF" at its end.
func checkPDFFrame(data []byte) error {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	for _, tag := range []string{"<html", "<script", "<body", "<!doctype", "<svg", "<iframe", "<?xml"} {
		if bytes.Contains(head, []byte(tag)) {
			return ErrPDFMixed
		}
	}
	end := bytes.LastIndex(data, []byte("%%EOF"))
	if end < 0 {
		return ErrPDFBroken
	}
	if len(bytes.TrimRight(data[end+len("%%EOF"):], "\x00\t\n\f\r ")) > 0 {
		return ErrPDFMixed
	}
	return nil
}

// checkExpansion refuses a PDF whose Flate-compressed streams expand to
// more than max bytes in all: pdfcpu decompresses object and xref streams
// whole, and a few megabytes of zeros compressed expand to gigabytes (a
// decompression bomb). Each "stream" keyword is tried as the start of a
// zlib stream, which ends by itself, so no /Length needs to be trusted;
// bytes already read as a stream are not searched again.
func checkExpansion(data []byte, max int64) error {
	var total int64
	for i := 0; ; {
		k := bytes.Index(data[i:], []byte("stream"))
		if k < 0 {
			return nil
		}
		start := i + k + len("stream")
		i = start
		if start < len(data) && data[start] == '\r' {
			start++
		}
		if start >= len(data) || data[start] != '\n' {
			continue
		}
		in := bytes.NewReader(data[start+1:])
		z, err := zlib.NewReader(in)
		if err != nil {
			continue
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(z, max-total+1))
		total += n
		if total > max {
			e := ErrPDFBroken.With()
			e.Detail = fmt.Sprintf("compressed streams expand to more than %d bytes", max)
			return e
		}
		i = len(data) - in.Len()
	}
}

// pdfConfig is pdfcpu's configuration for reading uploads, made here so
// that pdfcpu never reads or writes a configuration file of its own.
func pdfConfig() *model.Configuration {
	return &model.Configuration{
		Reader15:       true,
		ValidationMode: model.ValidationRelaxed,
		Eol:            types.EolLF,
		Offline:        true,
		Timeout:        5,
	}
}

// activeKey returns the first active key or value (activeKeys,
// activeValues) in any object of the file, "" when there is none. Objects
// packed in object streams, which pdfcpu decodes only when asked for, are
// decoded here: a script hides there as well as anywhere.
func activeKey(ctx context.Context, xt *model.XRefTable) (string, error) {
	for _, entry := range xt.Table {
		if entry == nil || entry.Free {
			continue
		}
		if lazy, ok := entry.Object.(types.LazyObjectStreamObject); ok {
			o, err := lazy.DecodedObject(ctx)
			if err != nil {
				return "", err
			}
			entry.Object = o
		}
		if k := activeIn(entry.Object, 0); k != "" {
			return k, nil
		}
	}
	return "", nil
}

// activeIn looks through o and the direct objects in it; indirect ones are
// entries of the table of their own.
func activeIn(o types.Object, depth int) string {
	if depth > 64 {
		return ""
	}
	switch o := o.(type) {
	case types.Dict:
		return activeInDict(o, depth)
	case types.StreamDict:
		return activeInDict(o.Dict, depth)
	case types.Array:
		for _, v := range o {
			if k := activeIn(v, depth+1); k != "" {
				return k
			}
		}
	}
	return ""
}

func activeInDict(d types.Dict, depth int) string {
	for k, v := range d {
		if name := pdfName(k); activeKeys[name] {
			return "/" + name
		}
		if n, ok := v.(types.Name); ok && (k == "S" || k == "Type") && activeValues[pdfName(string(n))] {
			return "/" + pdfName(string(n))
		}
		if found := activeIn(v, depth+1); found != "" {
			return found
		}
	}
	return ""
}

// pdfName decodes the #xx escapes a PDF name may hide a key behind
// (/J#61vaScript is /JavaScript).
func pdfName(s string) string {
	if !bytes.ContainsRune([]byte(s), '#') {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(n))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}
