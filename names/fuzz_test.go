package names

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzSeeds are names a person might type or paste, in every script the
// package reads, and some text that is not a name.
var fuzzSeeds = []string{
	"", " ", "Dzmitry Yemelyanau", "Дзмітрый Емяльянаў", "Дмитрий Емельянов", "德米特里·叶梅利扬诺夫",
	"Yemel'yanov", "Дар’я", "сямʼя", "СВЯТЛАНА", "Ёрш", "Подъячев", "Rimsky-Korsakov", "Ｄｍｉｔｒｙ",
	"Cichanoŭskaja", "Szczuka", "XZ", "dzzh", "tss", "aauu", "Maiia", "重庆市Chongqing", "Sovet·skaya",
	"Dmi\u0301try", "Αθήνα", "서울", "ﬁnn", "\xff\xfe", "а\u0306", "ʹʺ'", "x\u200by",
}

// cyrillicAlphabet holds the letters the passport tables cover.
const cyrillicAlphabet = "абвгґдеёжзиійклмнопрстуўфхцчшщъыьэюяАБВГҐДЕЁЖЗИІЙКЛМНОПРСТУЎФХЦЧШЩЪЫЬЭЮЯ"

// fuzzTransliteration fuzzes a transliteration: its output is valid UTF-8,
// and for a passport table Cyrillic letters and spaces come out in ASCII.
// A typographic apostrophe is left out of that promise: between Cyrillic
// letters it is dropped, but standing alone it is punctuation, copied.
func fuzzTransliteration(f *testing.F, name string, translit func(string) string, passport bool) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := translit(s)
		if !utf8.ValidString(out) {
			t.Fatalf("%s(%q) = %q is not valid UTF-8", name, s, out)
		}
		if !passport || strings.ContainsFunc(s, func(r rune) bool {
			return r != ' ' && r != '\'' && !strings.ContainsRune(cyrillicAlphabet, r)
		}) {
			return
		}
		if strings.ContainsFunc(out, func(r rune) bool { return r > unicode.MaxASCII }) {
			t.Fatalf("%s(%q) = %q is not ASCII", name, s, out)
		}
	})
}

func FuzzBelarusianPassport(f *testing.F) {
	fuzzTransliteration(f, "BelarusianPassport", BelarusianPassport, true)
}

func FuzzRussianPassport(f *testing.F) {
	fuzzTransliteration(f, "RussianPassport", RussianPassport, true)
}

func FuzzRussianBGN(f *testing.F) {
	fuzzTransliteration(f, "RussianBGN", RussianBGN, false)
}

func FuzzKey(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Key(%q) = %q is not valid UTF-8", s, k)
		}
		if again := Key(k); again != k {
			t.Fatalf("Key(%q) = %q, but Key(%q) = %q", s, k, k, again)
		}
		tokens := Tokens(s)
		if strings.Join(tokens, " ") != k {
			t.Fatalf("Tokens(%q) = %q do not make Key %q", s, tokens, k)
		}
		for _, tok := range tokens {
			if tok == "" || strings.ContainsFunc(tok, unicode.IsSpace) {
				t.Fatalf("Tokens(%q) has the word %q", s, tok)
			}
		}
	})
}

func FuzzMatch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "Dzmitry Yemelyanau")
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, query, alias string) {
		score, ok := Match(query, []string{alias, "Kapyl District"})
		if ok != (score > 0) || score < 0 || score > 1 {
			t.Fatalf("Match(%q, %q) = %v, %v", query, alias, score, ok)
		}
		// A name always finds itself, in whatever form it was written.
		if len(Tokens(alias)) > 0 {
			if s, ok := Match(alias, []string{alias}); !ok || s != 1 {
				t.Fatalf("Match(%q, itself) = %v, %v", alias, s, ok)
			}
			if _, ok := Match(Key(alias), []string{alias}); !ok {
				t.Fatalf("Match(Key(%q), itself) is false", alias)
			}
		}
	})
}
