package mrz_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mrz"
)

// today is the date the tests read two-digit years against.
var today = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

// The specimens. Check digits are worked out in the comments: weights
// 7, 3, 1 from the left, A=10 ... Z=35, < = 0, the sum modulo 10.
const (
	// ICAO Doc 9303's passport specimen (REFERENCE.md §5).
	// L898902C3: 21·7+8·3+9·1+8·7+9·3+0·1+2·7+12·3+3·1 = 316 -> 6
	// 740812: 7·7+4·3+0+8·7+1·3+2·1 = 122 -> 2
	// 120415: 1·7+2·3+0+4·7+1·3+5·1 = 49 -> 9
	// ZE184226B<<<<<: 35·7+14·3+1+8·7+4·3+2+2·7+6·3+11·1 = 401 -> 1
	// composite over L898902C36 7408122 1204159ZE184226B<<<<<1: 880 -> 0
	td3Line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
	td3Line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"

	// Doc 9303's TD1 specimen. D23145890: 13·7+2·3+3+7+4·3+5+8·7+9·3+0 =
	// 207 -> 7; composite over D231458907<<<<<<<<<<<<<<< 7408122 1204159
	// <<<<<<<<<<<: 376 -> 6.
	td1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"

	// A TD1 whose number of 12 characters goes on after a filler at
	// position 15: D23145890734 sums to 269 -> 9; 340712: 87 -> 7;
	// 950712: 132 -> 2; composite over D23145890<7349<<<<<<<<<<<
	// 3407127 9507122 <<<<<<<<<<<: 422 -> 2.
	td1Long = "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"

	// Doc 9303's TD2 specimen; composite over D231458907 7408122
	// 1204159<<<<<<<: 376 -> 6.
	td2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"

	// Visas on Doc 9303 Part 7's layouts (no composite digit):
	// L8988901C: 21·7+8·3+9+8·7+8·3+9+0+1·3+12 = 284 -> 4;
	// 400907: 98 -> 8; 961210: 99 -> 9.
	mrvA = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<<<<<<<<<"
	mrvB = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<"
)

func TestParseSpecimens(t *testing.T) {
	cases := []struct {
		name string
		text string
		want mrz.Document
	}{
		{"passport (TD3), REFERENCE specimen", td3Line1 + "\n" + td3Line2, mrz.Document{Format: mrz.TD3, DocumentCode: "P",
			IssuingState: "UTO", Nationality: "UTO", Surname: "ERIKSSON", GivenNames: "ANNA MARIA", DocumentNumber: "L898902C3",
			BirthDate: "1974-08-12", ExpiryDate: "2012-04-15", Sex: "F", PersonalNumber: "ZE184226B",
			Checks: checks("document_number", "6", "birth_date", "2", "expiry_date", "9", "personal_number", "1", "composite", "0"), Valid: true}},
		{"identity card (TD1)", td1, mrz.Document{Format: mrz.TD1, DocumentCode: "I", IssuingState: "UTO", Nationality: "UTO",
			Surname: "ERIKSSON", GivenNames: "ANNA MARIA", DocumentNumber: "D23145890", BirthDate: "1974-08-12", ExpiryDate: "2012-04-15",
			Sex: "F", Checks: checks("document_number", "7", "birth_date", "2", "expiry_date", "9", "composite", "6"), Valid: true}},
		{"identity card (TD1) with a long number", td1Long, mrz.Document{Format: mrz.TD1, DocumentCode: "I", IssuingState: "UTO",
			Nationality: "UTO", Surname: "STEVENSON", GivenNames: "PETER JOHN", DocumentNumber: "D23145890734", BirthDate: "1934-07-12",
			ExpiryDate: "1995-07-12", Sex: "M", Checks: checks("document_number", "9", "birth_date", "7", "expiry_date", "2", "composite", "2"), Valid: true}},
		{"identity card (TD2)", td2, mrz.Document{Format: mrz.TD2, DocumentCode: "I", IssuingState: "UTO", Nationality: "UTO",
			Surname: "ERIKSSON", GivenNames: "ANNA MARIA", DocumentNumber: "D23145890", BirthDate: "1974-08-12", ExpiryDate: "2012-04-15",
			Sex: "F", Checks: checks("document_number", "7", "birth_date", "2", "expiry_date", "9", "composite", "6"), Valid: true}},
		{"visa (MRV-A)", mrvA, mrz.Document{Format: mrz.MRVA, DocumentCode: "V", IssuingState: "UTO", Nationality: "XXX",
			Surname: "ERIKSSON", GivenNames: "ANNA MARIA", DocumentNumber: "L8988901C", BirthDate: "1940-09-07", ExpiryDate: "1996-12-10",
			Sex: "F", Checks: checks("document_number", "4", "birth_date", "8", "expiry_date", "9"), Valid: true}},
		{"visa (MRV-B)", mrvB, mrz.Document{Format: mrz.MRVB, DocumentCode: "V", IssuingState: "UTO", Nationality: "XXX",
			Surname: "ERIKSSON", GivenNames: "ANNA MARIA", DocumentNumber: "L8988901C", BirthDate: "1940-09-07", ExpiryDate: "1996-12-10",
			Sex: "F", Checks: checks("document_number", "4", "birth_date", "8", "expiry_date", "9"), Valid: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := mrz.Parse(c.text, today)
			if err != nil {
				t.Fatal(err)
			}
			if !equal(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

// checks is a list of valid checks: field, digit, field, digit...
func checks(pairs ...string) []mrz.Check {
	var out []mrz.Check
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, mrz.Check{Field: pairs[i], Digit: pairs[i+1], Expected: pairs[i+1], Valid: true})
	}
	return out
}

func equal(a, b mrz.Document) bool {
	return reflect.DeepEqual(a, b)
}

// TestParseFailedChecks: what is read but wrong makes its check invalid,
// and the composite digit, which covers the other digits, with it.
func TestParseFailedChecks(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		invalid []string
		check   func(mrz.Document) bool // what else must hold, if anything
	}{
		{"document number digit", td3Line1 + "\nL898902C35UTO7408122F1204159ZE184226B<<<<<10", []string{"document_number", "composite"}, nil},
		{"document number letter", td3Line1 + "\nL898902C3AUTO7408122F1204159ZE184226B<<<<<10", []string{"document_number", "composite"}, nil},
		{"birth date digit", td3Line1 + "\nL898902C36UTO7408123F1204159ZE184226B<<<<<10", []string{"birth_date", "composite"}, nil},
		{"expiry date digit", td3Line1 + "\nL898902C36UTO7408122F1204158ZE184226B<<<<<10", []string{"expiry_date", "composite"}, nil},
		{"personal number digit", td3Line1 + "\nL898902C36UTO7408122F1204159ZE184226B<<<<<20", []string{"personal_number", "composite"}, nil},
		{"composite digit", td3Line1 + "\nL898902C36UTO7408122F1204159ZE184226B<<<<<11", []string{"composite"}, nil},
		// A misread character in a field: the number's digit catches it.
		{"misread number", td3Line1 + "\nL898902C86UTO7408122F1204159ZE184226B<<<<<10", []string{"document_number", "composite"},
			func(d mrz.Document) bool { return d.DocumentNumber == "L898902C8" }},
		// 741312: 88 -> 8, and the composite comes to 890 -> 0: only the
		// date itself is wrong.
		{"month 13", td3Line1 + "\nL898902C36UTO7413128F1204159ZE184226B<<<<<10", []string{"birth_date"},
			func(d mrz.Document) bool { return d.BirthDate == "" }},
		// 740230: 84 -> 4; composite 856 -> 6.
		{"30 February", td3Line1 + "\nL898902C36UTO7402304F1204159ZE184226B<<<<<16", []string{"birth_date"},
			func(d mrz.Document) bool { return d.BirthDate == "" }},
		{"letter O for zero in a date", td3Line1 + "\nL898902C36UTO74O8122F1204159ZE184226B<<<<<10", []string{"birth_date", "composite"},
			func(d mrz.Document) bool { return d.BirthDate == "" }},
		// 000229: 29 -> 9; composite 908 -> 8. 2000 was a leap year.
		{"29 February 2000 is a date", td3Line1 + "\nL898902C36UTO0002299F1204159ZE184226B<<<<<18", nil,
			func(d mrz.Document) bool { return d.BirthDate == "2000-02-29" }},
		{"TD1 document number digit", strings.Replace(td1, "D231458907", "D231458908", 1), []string{"document_number", "composite"}, nil},
		{"TD1 long number digit", strings.Replace(td1Long, "7349", "7348", 1), []string{"document_number", "composite"},
			func(d mrz.Document) bool { return d.DocumentNumber == "D23145890734" }},
		{"TD1 birth date digit", strings.Replace(td1, "7408122F", "7408121F", 1), []string{"birth_date", "composite"}, nil},
		{"TD1 expiry date digit", strings.Replace(td1, "1204159UTO", "1204150UTO", 1), []string{"expiry_date", "composite"}, nil},
		{"TD1 composite digit", strings.Replace(td1, "<6\n", "<5\n", 1), []string{"composite"}, nil},
		{"TD2 composite digit", strings.TrimSuffix(td2, "6") + "5", []string{"composite"}, nil},
		{"TD2 birth date digit", strings.Replace(td2, "7408122F", "7408129F", 1), []string{"birth_date", "composite"}, nil},
		{"visa document number digit", strings.Replace(mrvA, "L8988901C4", "L8988901C5", 1), []string{"document_number"}, nil},
		{"visa expiry date digit", strings.Replace(mrvB, "F9612109", "F9612108", 1), []string{"expiry_date"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := mrz.Parse(c.text, today)
			if err != nil {
				t.Fatal(err)
			}
			var invalid []string
			for _, ch := range d.Checks {
				if !ch.Valid {
					invalid = append(invalid, ch.Field)
				}
			}
			if !slices.Equal(invalid, c.invalid) {
				t.Errorf("invalid checks %v, want %v (%+v)", invalid, c.invalid, d.Checks)
			}
			if d.Valid != (len(c.invalid) == 0) {
				t.Errorf("Valid %v with invalid checks %v", d.Valid, invalid)
			}
			if c.check != nil && !c.check(d) {
				t.Errorf("document %+v", d)
			}
		})
	}
}

// TestParseInput: the ways a reader or a person types the same zone.
func TestParseInput(t *testing.T) {
	want, err := mrz.Parse(td3Line1+"\n"+td3Line2, today)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"CR LF":                       td3Line1 + "\r\n" + td3Line2 + "\r\n",
		"CR alone":                    td3Line1 + "\r" + td3Line2,
		"trailing spaces and tabs":    td3Line1 + "  \t\n" + td3Line2 + " ",
		"empty lines at the end":      td3Line1 + "\n" + td3Line2 + "\n\n \n",
		"lower case read as capitals": strings.ToLower(td3Line1) + "\n" + strings.ToLower(td3Line2),
	} {
		got, err := mrz.Parse(text, today)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if !equal(got, want) {
			t.Errorf("%s: %+v", name, got)
		}
	}
}

// TestParseMalformed: a malformed zone is refused, naming line and position.
func TestParseMalformed(t *testing.T) {
	cases := []struct {
		name      string
		text      string
		err       *chancery.Error
		line, pos int
		data      string // one more Data entry, as name=value
	}{
		{"nothing", " \n\n", mrz.ErrEmpty, 1, 1, ""},
		{"one line", td3Line1, mrz.ErrLineCount, 2, 1, "Lines=1"},
		{"four lines", td1 + "\nX", mrz.ErrLineCount, 4, 1, "Lines=4"},
		// Three lines are a TD1, whose lines have 30 characters.
		{"an empty line between", td3Line1 + "\n\n" + td3Line2, mrz.ErrLineLength, 1, 31, "Want=30"},
		{"second line one short", td3Line1 + "\n" + td3Line2[:43], mrz.ErrLineLength, 2, 44, "Want=44"},
		{"second line one long", td3Line1 + "\n" + td3Line2 + "<", mrz.ErrLineLength, 2, 45, "Length=45"},
		{"TD1 third line short", td1[:len(td1)-2], mrz.ErrLineLength, 3, 29, "Format=TD1"},
		{"first line of 40", td3Line1[:40] + "\n" + td3Line2, mrz.ErrFirstLineLength, 1, 37, "Length=40"},
		{"first line of 20", td3Line1[:20] + "\n" + td3Line2, mrz.ErrFirstLineLength, 1, 21, "Length=20"},
		{"first line of 50", td3Line1 + "<<<<<<\n" + td3Line2, mrz.ErrFirstLineLength, 1, 45, "Length=50"},
		{"a space inside", td3Line1 + "\nL898 02C36UTO7408122F1204159ZE184226B<<<<<10", mrz.ErrCharacter, 2, 5, "Char=U+0020"},
		{"a leading space", " " + td3Line1 + "\n" + td3Line2, mrz.ErrCharacter, 1, 1, "Char=U+0020"},
		{"a letter with an accent", "P<UTOÉRIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" + td3Line2, mrz.ErrCharacter, 1, 6, "Char=É"},
		{"a Cyrillic letter counts once", "P<UTOЕRIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" + td3Line2 + "-", mrz.ErrCharacter, 1, 6, "Char=Е"},
		{"a control character", td3Line1 + "\nL898902C36UTO7408122F1204159ZE184226B<<<<<1\x00", mrz.ErrCharacter, 2, 44, "Char=U+0000"},
		{"no UTF-8", td3Line1 + "\nL898902C36\xffTO7408122F1204159ZE184226B<<<<<10", mrz.ErrCharacter, 2, 11, "Char=U+FFFD"},
		{"a TD3 sex Q", td3Line1 + "\nL898902C36UTO7408122Q1204159ZE184226B<<<<<10", mrz.ErrSex, 2, 21, "Char=Q"},
		{"a TD1 sex 1", strings.Replace(td1, "7408122F", "74081221", 1), mrz.ErrSex, 2, 8, "Char=1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := mrz.Parse(c.text, today)
			var e *chancery.Error
			if !errors.Is(err, c.err) || !errors.As(err, &e) {
				t.Fatalf("error %v, want %v", err, c.err)
			}
			if e.Code != chancery.EINVALID || e.Data["Line"] != c.line || e.Data["Position"] != c.pos {
				t.Errorf("code %s, line %v, position %v; want line %d, position %d", e.Code, e.Data["Line"], e.Data["Position"], c.line, c.pos)
			}
			if k, v, ok := strings.Cut(c.data, "="); ok && fmt.Sprint(e.Data[k]) != v {
				t.Errorf("%s = %v, want %s", k, e.Data[k], v)
			}
		})
	}
}
