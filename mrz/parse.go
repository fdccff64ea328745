package mrz

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Line lengths of the layouts.
const (
	td1Length   = 30
	shortLength = 36 // TD2, MRV-B
	longLength  = 44 // TD3, MRV-A
)

// Parse reads the zone text as a document reader types it (see the package
// comment for what is accepted) and returns what it says. today is the
// calendar date two-digit years are read against. A malformed zone is a
// *chancery.Error made from one of the Err values, naming the line and
// position; a zone that is well formed but fails a check is no error: the
// Document says which checks fail.
func Parse(text string, today time.Time) (Document, error) {
	lines, err := splitLines(text)
	if err != nil {
		return Document{}, err
	}
	format, err := layout(lines)
	if err != nil {
		return Document{}, err
	}
	var d Document
	if format == TD1 {
		d = readTD1(lines, today)
	} else {
		d = readTwoLines(format, lines, today)
	}
	d.Valid = true
	for _, c := range d.Checks {
		d.Valid = d.Valid && c.Valid
	}
	return d, nil
}

// splitLines splits text into two or three lines of capitals, digits and
// fillers.
func splitLines(text string) ([]string, error) {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " \t")
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	switch n := len(lines); {
	case n == 0:
		return nil, ErrEmpty.With("Line", 1, "Position", 1)
	case n == 1 || n > 3:
		return nil, ErrLineCount.With("Line", min(n+1, 4), "Position", 1, "Lines", n)
	}
	for i, l := range lines {
		up := make([]byte, 0, len(l))
		pos := 0
		for _, r := range l {
			pos++
			switch {
			case r >= 'a' && r <= 'z':
				r -= 'a' - 'A'
			case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '<':
			default:
				return nil, ErrCharacter.With("Line", i+1, "Position", pos, "Char", showRune(r))
			}
			up = append(up, byte(r))
		}
		lines[i] = string(up)
	}
	return lines, nil
}

// showRune is r as a message shows it: itself when it can be seen, else
// its code point (a space, a control character, a byte that is no UTF-8).
func showRune(r rune) string {
	if r == utf8.RuneError || !unicode.IsGraphic(r) || unicode.IsSpace(r) {
		return fmt.Sprintf("U+%04X", r)
	}
	return string(r)
}

// layout tells the format of lines from their count, the first line's
// length and, for two lines, whether the document code makes it a visa;
// it refuses a line of the wrong length and a sex no layout allows.
func layout(lines []string) (Format, error) {
	var f Format
	want := len(lines[0])
	switch {
	case len(lines) == 3:
		f, want = TD1, td1Length
	case want == longLength:
		f = TD3
		if lines[0][0] == 'V' {
			f = MRVA
		}
	case want == shortLength:
		f = TD2
		if lines[0][0] == 'V' {
			f = MRVB
		}
	default:
		pos := shortLength + 1
		if want < shortLength {
			pos = want + 1
		} else if want > longLength {
			pos = longLength + 1
		}
		return "", ErrFirstLineLength.With("Line", 1, "Position", pos, "Length", want)
	}
	for i, l := range lines {
		if len(l) != want {
			return "", ErrLineLength.With("Line", i+1, "Position", min(len(l), want)+1, "Length", len(l), "Want", want, "Format", string(f))
		}
	}
	line, pos := 2, 21
	if f == TD1 {
		pos = 8
	}
	if sex := lines[line-1][pos-1]; sex != 'M' && sex != 'F' && sex != 'X' && sex != '<' {
		return "", ErrSex.With("Line", line, "Position", pos, "Char", string(sex))
	}
	return f, nil
}

// readTD1 reads an identity card's three lines of 30.
func readTD1(l []string, today time.Time) Document {
	d := Document{Format: TD1, DocumentCode: trimFiller(l[0][0:2]), IssuingState: trimFiller(l[0][2:5]),
		Nationality: trimFiller(l[1][15:18]), Sex: sexOf(l[1][7])}
	var number Check
	var optional string
	d.DocumentNumber, number, optional = documentNumber(l[0][5:14], l[0][14], l[0][15:30])
	d.Optional = nonEmpty(trimFiller(optional), trimFiller(l[1][18:29]))
	var birth, expiry Check
	d.BirthDate, birth = dateCheck(FieldBirthDate, l[1][0:6], l[1][6], today, past)
	d.ExpiryDate, expiry = dateCheck(FieldExpiryDate, l[1][8:14], l[1][14], today, coming)
	composite := check(FieldComposite, l[0][5:30]+l[1][0:7]+l[1][8:15]+l[1][18:29], l[1][29], false)
	d.Checks = []Check{number, birth, expiry, composite}
	d.Surname, d.GivenNames = names(l[2])
	return d
}

// readTwoLines reads the two-line layouts, which share line 1 and the
// first 28 positions of line 2.
func readTwoLines(f Format, l []string, today time.Time) Document {
	d := Document{Format: f, DocumentCode: trimFiller(l[0][0:2]), IssuingState: trimFiller(l[0][2:5]),
		Nationality: trimFiller(l[1][10:13]), Sex: sexOf(l[1][20])}
	d.Surname, d.GivenNames = names(l[0][5:])
	var number, birth, expiry Check
	rest := l[1][28:]
	if f == TD2 {
		// Only TD2 continues a long number in its optional data; the
		// composite digit ends the line.
		d.DocumentNumber, number, rest = documentNumber(l[1][0:9], l[1][9], l[1][28:35])
	} else {
		d.DocumentNumber, number = trimFiller(l[1][0:9]), check(FieldDocumentNumber, l[1][0:9], l[1][9], false)
	}
	d.BirthDate, birth = dateCheck(FieldBirthDate, l[1][13:19], l[1][19], today, past)
	d.ExpiryDate, expiry = dateCheck(FieldExpiryDate, l[1][21:27], l[1][27], today, coming)
	d.Checks = []Check{number, birth, expiry}
	switch f {
	case TD3:
		d.PersonalNumber = trimFiller(l[1][28:42])
		d.Checks = append(d.Checks, check(FieldPersonalNumber, l[1][28:42], l[1][42], true),
			check(FieldComposite, l[1][0:10]+l[1][13:20]+l[1][21:43], l[1][43], false))
	case TD2:
		d.Optional = nonEmpty(trimFiller(rest))
		d.Checks = append(d.Checks, check(FieldComposite, l[1][0:10]+l[1][13:20]+l[1][21:35], l[1][35], false))
	default: // visas have no composite check digit
		d.Optional = nonEmpty(trimFiller(rest))
	}
	return d
}

// documentNumber reads a document number of nine characters with its
// check digit. A filler for the digit says the number is longer: it goes
// on in the optional data, up to the character before the first filler,
// which is the digit (Doc 9303 Part 5 for TD1, Part 6 for TD2). rest is
// the optional data after the number.
func documentNumber(nine string, digit byte, optional string) (number string, c Check, rest string) {
	if digit != '<' || optional == "" || optional[0] == '<' {
		return trimFiller(nine), check(FieldDocumentNumber, nine, digit, false), optional
	}
	end := strings.IndexByte(optional, '<')
	if end < 0 {
		end = len(optional)
	}
	whole := nine + optional[:end-1]
	return whole, check(FieldDocumentNumber, whole, optional[end-1], false), optional[end:]
}

// names reads a name field: the primary identifier (surname), then after
// the first double filler the secondary one (given names), each with the
// fillers between its words read as spaces.
func names(field string) (surname, given string) {
	s, g, _ := strings.Cut(field, "<<")
	return words(s), words(g)
}

func words(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '<' }), " ")
}

func trimFiller(s string) string { return strings.TrimRight(s, "<") }

func sexOf(c byte) string {
	if c == '<' {
		return "X"
	}
	return string(c)
}

func nonEmpty(fields ...string) []string {
	var out []string
	for _, f := range fields {
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}
