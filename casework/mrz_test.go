package casework_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mrz"
)

// withIdentity is the sample with the identity questions of a visa
// application: every role, the nationality typed as a code.
func withIdentity() casework.CaseType {
	t := sample()
	t.Questions = append(t.Questions,
		casework.Question{ID: "surname", Kind: casework.KindText, Label: text("Surname"), Role: casework.RoleSurname},
		casework.Question{ID: "given", Kind: casework.KindText, Label: text("Given names"), Role: casework.RoleGivenNames, Optional: true},
		casework.Question{ID: "born", Kind: casework.KindDate, Label: text("Born"), Role: casework.RoleBirthDate},
		casework.Question{ID: "sex", Kind: casework.KindChoice, Label: text("Sex"), Role: casework.RoleSex,
			Choices: []casework.Choice{{Value: "f", Label: text("F")}, {Value: "m", Label: text("M")}}},
		casework.Question{ID: "nationality", Kind: casework.KindText, Label: text("Nationality"), Role: casework.RoleNationality},
		casework.Question{ID: "passport_no", Kind: casework.KindText, Label: text("Number"), Role: casework.RoleDocumentNumber},
		casework.Question{ID: "expires", Kind: casework.KindDate, Label: text("Expires"), Role: casework.RoleDocumentExpiry},
	)
	return t
}

// checkDigit is ICAO Doc 9303's check digit (REFERENCE.md §5).
func checkDigit(s string) string {
	sum := 0
	for i, r := range s {
		v := 0
		switch {
		case r >= '0' && r <= '9':
			v = int(r - '0')
		case r >= 'A' && r <= 'Z':
			v = int(r-'A') + 10
		}
		sum += v * []int{7, 3, 1}[i%3]
	}
	return string(rune('0' + sum%10))
}

// passport writes a TD3 zone with correct check digits: dates YYMMDD.
func passport(state, name, number, born, sex, expires string) string {
	pad := func(s string, n int) string { return (s + strings.Repeat("<", n))[:n] }
	line1 := pad("P<"+state+name, 44)
	num := pad(number, 9)
	personal := strings.Repeat("<", 14)
	body := num + checkDigit(num) + state + born + checkDigit(born) + sex + expires + checkDigit(expires) + personal + checkDigit(personal)
	composite := checkDigit(body[0:10] + body[13:20] + body[21:43])
	return line1 + "\n" + body + composite
}

var today = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

func parse(t *testing.T, zone string) mrz.Document {
	t.Helper()
	d, err := mrz.Parse(zone, today)
	if err != nil || !d.Valid {
		t.Fatalf("%v %+v\n%s", err, d, zone)
	}
	return d
}

// TestCompareMRZ: each row an applicant's answers against a zone, and the
// differences a person would want listed, field by field.
func TestCompareMRZ(t *testing.T) {
	specimen := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
	anna := casework.Answers{"surname": "Eriksson", "given": "Anna Maria", "born": "1974-08-12", "sex": "f", "nationality": "uto",
		"passport_no": "L898902C3", "expires": "2012-04-15"}
	dzmitry := passport("BLR", "YEMELYANAU<<DZMITRY", "MP1234567", "850317", "M", "310101")
	sviatlana := passport("BLR", "TSIKHANOUSKAYA<<SVIATLANA", "KH2345678", "820911", "F", "290520")
	dmitrii := passport("RUS", "EMELIANOV<<DMITRII", "751234567", "850317", "M", "300101")
	long := passport("BLR", "RYMSKI<KORSAKAU<<ULADZIMIR<ALIAKSANDRAVICH<MIKALAEVICH", "MP7654321", "600101", "M", "301231")
	with := func(a casework.Answers, kv ...string) casework.Answers {
		out := casework.Answers{}
		for k, v := range a {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	belarusian := casework.Answers{"surname": "Емяльянаў", "given": "Дзмітрый", "born": "1985-03-17", "sex": "m", "nationality": "BLR",
		"passport_no": "MP 1234567", "expires": "2031-01-01"}
	cases := []struct {
		name    string
		answers casework.Answers
		zone    string
		want    []string // "field: typed / zone"
	}{
		{"ICAO's specimen typed as in the passport", anna, specimen, nil},
		{"the names in capitals, with a hyphen", with(anna, "surname", "ERIKSSON", "given", "anna-maria"), specimen, nil},
		{"a typo in the surname", with(anna, "surname", "Ericsson"), specimen, []string{"surname: Ericsson / ERIKSSON"}},
		{"another birth date and sex", with(anna, "born", "1974-12-08", "sex", "m"), specimen,
			[]string{"birth_date: 1974-12-08 / 1974-08-12", "sex: m / F"}},
		{"the number with a letter wrong and the expiry", with(anna, "passport_no", "L898902G3", "expires", "2013-04-15"), specimen,
			[]string{"document_number: L898902G3 / L898902C3", "document_expiry: 2013-04-15 / 2012-04-15"}},
		{"another nationality", with(anna, "nationality", "CHN"), specimen, []string{"nationality: CHN / UTO"}},
		{"unanswered questions are no difference", casework.Answers{"surname": "Eriksson"}, specimen, nil},
		{"a Belarusian typed in Belarusian, the spelling he uses in his passport", belarusian, dzmitry, nil},
		{"a Belarusian typed in Russian", with(belarusian, "surname", "Емельянов", "given", "Дмитрий"), dzmitry, nil},
		{"a Belarusian typed in Latin", with(belarusian, "surname", "Yemelyanau", "given", "Dzmitry"), dzmitry, nil},
		{"Belarusian by the passport table", with(belarusian, "surname", "Ціханоўская", "given", "Святлана", "born", "1982-09-11",
			"sex", "f", "passport_no", "KH2345678", "expires", "2029-05-20"), sviatlana, nil},
		{"a Russian passport read by the Russian table", with(belarusian, "surname", "Емельянов", "given", "Дмитрий", "nationality", "RUS",
			"passport_no", "751234567", "expires", "2030-01-01"), dmitrii, nil},
		{"another person", with(belarusian, "surname", "Ковалёв", "given", "Дзмітрый"), dzmitry, []string{"surname: Ковалёв / YEMELYANAU"}},
		{"a name cut short by the zone", with(belarusian, "surname", "Рымскі-Корсакаў", "given", "Уладзімір Аляксандравіч Мікалаевіч",
			"born", "1960-01-01", "passport_no", "MP7654321", "expires", "2030-12-31"), long, nil},
		{"a letter typed otherwise in Latin", with(belarusian, "surname", "Yemelyanov", "given", "Dzmitry"), dzmitry,
			[]string{"surname: Yemelyanov / YEMELYANAU"}},
		{"a Chinese name is not transliterated: a person judges", with(anna, "surname", "埃里克松"), specimen, []string{"surname: 埃里克松 / ERIKSSON"}},
		{"a document number in Cyrillic", with(belarusian, "passport_no", "МР1234567"), dzmitry, []string{"document_number: МР1234567 / MP1234567"}},
	}
	ct := withIdentity()
	if err := ct.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, m := range casework.CompareMRZ(ct, c.answers, parse(t, c.zone)) {
				got = append(got, m.Field+": "+m.Typed+" / "+m.MRZ)
				if q, _ := casework.CaseType.Identity(ct, c.answers)[m.Field]; q.Question != m.Question {
					t.Errorf("%s names question %q", m.Field, m.Question)
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestRoles: a role is given once, to a question of the right kind; a
// nationality typed is a three-letter code, and a document number
// letters and digits.
func TestRoles(t *testing.T) {
	cases := []struct {
		name   string
		change func(*casework.CaseType)
		want   []string
	}{
		{"an unknown role", func(c *casework.CaseType) { c.Questions[5].Role = "colour" }, []string{"questions[5]"}},
		{"a role twice", func(c *casework.CaseType) { c.Questions[6].Role = casework.RoleSurname }, []string{"questions[6]"}},
		{"a birth date asked as text", func(c *casework.CaseType) { c.Questions[7].Kind = casework.KindText }, []string{"questions[7]"}},
		{"a sex offering another value", func(c *casework.CaseType) { c.Questions[8].Choices[0].Value = "female" }, []string{"questions[8]"}},
		{"a nationality choice of a name", func(c *casework.CaseType) {
			c.Questions[9].Kind, c.Questions[9].Choices = casework.KindChoice, []casework.Choice{{Value: "belarus", Label: text("Belarus")}}
		}, []string{"questions[9]"}},
	}
	for _, c := range cases {
		ct := withIdentity()
		c.change(&ct)
		if got := fields(ct.Validate()); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	ct := withIdentity()
	err := ct.CheckAnswers(casework.Answers{"nationality": "Belarus", "passport_no": "MP#123"}, false)
	if got := fields(err); !slices.Equal(got, []string{"nationality", "passport_no"}) {
		t.Errorf("bad identity answers: %v", got)
	}
	if err := ct.CheckAnswers(casework.Answers{"nationality": "blr", "passport_no": "MP 123-4567"}, false); err != nil {
		t.Errorf("good identity answers: %v", err)
	}
}

// FuzzCompareMRZ: any answers against any zone the parser reads compare
// without a panic, and every difference names an identity question that
// was answered, with its answer as typed.
func FuzzCompareMRZ(f *testing.F) {
	f.Add("Емяльянаў", "Дзмітрый", "MP 1234567", "1985-03-17", "P<BLRYEMELYANAU<<DZMITRY<<<<<<<<<<<<<<<<<<<<\nMP12345677BLR8503172M3101012<<<<<<<<<<<<<<06")
	f.Add("Eriksson", "Anna-Maria", "L898902C3", "1974-08-12", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10")
	f.Add("", "ʼ<<", "-", "x", "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<")
	ct := withIdentity()
	f.Fuzz(func(t *testing.T, surname, given, number, born, zone string) {
		d, err := mrz.Parse(zone, today)
		if err != nil {
			return
		}
		a := casework.Answers{"surname": surname, "given": given, "passport_no": number, "born": born, "sex": "m", "nationality": "BLR"}
		id := ct.Identity(a)
		for _, m := range casework.CompareMRZ(ct, a, d) {
			if got, ok := id[m.Field]; !ok || got.Question != m.Question || got.Value != m.Typed {
				t.Fatalf("%+v is no answered identity question", m)
			}
		}
	})
}
