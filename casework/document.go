package casework

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Document is one file an applicant uploaded for a checklist item: what it
// is, what the virus check found, and what staff made of it.
type Document struct {
	ID       int64
	Item     string // the checklist item (DocumentRule.ID)
	Name     string // the name it was sent with, made safe (SafeName); for downloads only
	Type     string // TypePDF, TypeJPEG or TypePNG, judged from the content
	Size     int64  // bytes kept
	Pages    int    // a PDF's pages
	Width    int    // an image's pixels, upright
	Height   int
	SHA256   string // of the bytes kept, hex
	Uploaded time.Time
	// Scan is the virus check's verdict (ScanPending …); Signature names
	// what it found in an infected file.
	Scan      string
	Signature string
	Scanned   time.Time
	// Review is staff's judgement (ReviewPending …), with the reason of a
	// rejection, who judged and when.
	Review       string
	ReviewReason string
	ReviewedBy   string
	Reviewed     time.Time
}

// The virus check's verdicts on a file. A pending file waits in quarantine
// until clamd has scanned it; without a scanner configured files are
// not scanned, and say so.
const (
	ScanPending    = "pending"
	ScanClean      = "clean"
	ScanInfected   = "infected"
	ScanFailed     = "failed" // clamd could not scan it whole (over its limits)
	ScanNotScanned = "not_scanned"
)

// Staff's judgements of a file.
const (
	ReviewPending  = "pending"
	ReviewAccepted = "accepted"
	ReviewRejected = "rejected"
)

// Counts reports whether the file counts for its checklist item: a clean
// or not scanned file, and a pending one (being checked). An infected
// file, or one the scanner could not check, does not.
func (d Document) Counts() bool {
	return d.Scan == ScanClean || d.Scan == ScanNotScanned || d.Scan == ScanPending
}

// FilesOf counts the files that count per checklist item.
func FilesOf(docs []Document) Files {
	f := Files{}
	for _, d := range docs {
		if d.Counts() {
			f[d.Item]++
		}
	}
	return f
}

// maxNameRunes bounds a kept file name.
const maxNameRunes = 120

// SafeName is a file name as sent made safe to keep and to offer again
// as a download's name: no folders (of any system), no control or
// direction-changing characters, no leading dots, at most 120 characters
// with its extension kept; "document" when nothing is left.
func SafeName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r): // Cf: bidi overrides, zero widths
			return -1
		case r == '"' || r == ':' || r == '*' || r == '?' || r == '<' || r == '>' || r == '|':
			return '_'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimSpace(name), ". ")
	name = strings.TrimRight(name, ". ")
	if r := []rune(name); len(r) > maxNameRunes {
		ext := ""
		if i := strings.LastIndexByte(name, '.'); i > 0 && utf8.RuneCountInString(name[i:]) <= 10 {
			ext = name[i:]
		}
		name = strings.TrimRight(string(r[:maxNameRunes-utf8.RuneCountInString(ext)]), ". ") + ext
	}
	if name == "" {
		return "document"
	}
	return name
}
