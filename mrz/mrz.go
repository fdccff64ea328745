// Package mrz reads the machine-readable zone of a travel document (ICAO
// Doc 9303) as a document reader types it at the counter: the two or three
// lines of a passport (TD3), an identity card (TD1, TD2) or a visa (MRV-A,
// MRV-B), with their fields and the result of every check digit.
//
// What Parse accepts, and what it refuses with a *chancery.Error naming the
// line and position (1-based):
//   - Lines are separated by "\n", "\r\n" or a lone "\r"; spaces and tabs
//     at the end of a line and empty lines at the end of the text are
//     dropped. Anything else, leading spaces included, counts.
//   - Lower-case letters are read as capitals: a reader types capitals, and
//     a clerk copying a zone by hand should not be refused for the case.
//   - Any other character than A-Z, 0-9 and the filler < is refused, and so
//     is a line of the wrong length, a count of lines other than two or
//     three, and a sex other than M, F, X or <.
//
// What is read but wrong is not refused: a check digit that does not match,
// a letter where a digit belongs, an impossible date (month 13, 30
// February) each make their check invalid (and the date empty), so the
// clerk still sees the rest of the document.
package mrz

import (
	"github.com/chancery-platform/chancery"
)

// Format is the layout of a machine-readable zone.
type Format string

// The layouts of ICAO Doc 9303 that Parse reads.
const (
	TD1  Format = "TD1"   // identity card, 3 lines of 30
	TD2  Format = "TD2"   // identity card, 2 lines of 36
	TD3  Format = "TD3"   // passport, 2 lines of 44
	MRVA Format = "MRV-A" // visa, 2 lines of 44
	MRVB Format = "MRV-B" // visa, 2 lines of 36
)

// Check is the result of one check digit: the field it covers (one of the
// Field constants), the character read where the digit stands and the
// digit the field gives. Valid is whether they agree and, for a date,
// whether it is a date.
type Check struct {
	Field    string
	Digit    string
	Expected string
	Valid    bool
}

// The fields a check digit covers, as Check.Field names them.
const (
	FieldDocumentNumber = "document_number"
	FieldBirthDate      = "birth_date"
	FieldExpiryDate     = "expiry_date"
	FieldPersonalNumber = "personal_number"
	FieldComposite      = "composite"
)

// Document is what a machine-readable zone says. Names have the filler
// between names read as a space; codes and numbers have their trailing
// fillers removed. A date is YYYY-MM-DD, or "" when the zone leaves it
// unknown (fillers) or it is no date.
type Document struct {
	Format         Format
	DocumentCode   string // P, I, A, C, V and a second letter or not
	IssuingState   string // ICAO three-letter code, as UTO or D
	Nationality    string
	Surname        string
	GivenNames     string
	DocumentNumber string // the whole number, a TD1 or TD2 continuation included
	BirthDate      string
	ExpiryDate     string
	Sex            string // M, F, or X when unspecified
	// PersonalNumber is the TD3 passport's personal number field.
	PersonalNumber string
	// Optional is the optional data of the other layouts, one entry a
	// field (TD1 has two), empty fields left out.
	Optional []string
	Checks   []Check
	Valid    bool // every check is valid
}

// Malformed zones. Each error made from these carries Line and Position
// (1-based) in its Data, and the message says them.
var (
	// ErrEmpty: no zone was given (Line 1, Position 1).
	ErrEmpty = chancery.Errorf(chancery.EINVALID, "error.mrz_empty")
	// ErrLineCount: not two or three lines; Lines is how many there are.
	ErrLineCount = chancery.Errorf(chancery.EINVALID, "error.mrz_line_count")
	// ErrLineLength: a line is too long or too short; Length is its
	// length and Want what the layout of Format needs.
	ErrLineLength = chancery.Errorf(chancery.EINVALID, "error.mrz_line_length")
	// ErrFirstLineLength: the first of two lines is neither 36 nor 44
	// characters long, the lengths of two-line zones; Length is its length.
	ErrFirstLineLength = chancery.Errorf(chancery.EINVALID, "error.mrz_first_line_length")
	// ErrCharacter: a character no zone has; Char shows it.
	ErrCharacter = chancery.Errorf(chancery.EINVALID, "error.mrz_character")
	// ErrSex: the sex is not M, F, X or <; Char shows it.
	ErrSex = chancery.Errorf(chancery.EINVALID, "error.mrz_sex")
)
