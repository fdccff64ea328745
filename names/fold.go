package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldWord returns the key of one lower-case word that is not Chinese. It is
// built so that the spellings of a name that people meet coincide, and
// obviously different names (Minsk and Pinsk, Kapyl and Kobryn) do not:
//
//  1. Cyrillic is brought to Latin by one table for Belarusian, Russian and
//     Ukrainian letters (keyCyrillic); accents are dropped, č š ž are ch sh
//     zh, and a letter written twice is written once (Natallia, Kirill).
//  2. The sounds that transliterations spell differently become one:
//     kh, h and g (Khrushchev, Hrodna/Grodno, Ihar/Igor: Belarusian writes
//     Г where Russian has Г); ts, and c before e, i or y, with t (Belarusian
//     Канстанцін, Russian Константин); dz with d (Дзмітрый, Дмитрий); c
//     elsewhere, q and ck with k, and x is ks (Maxim, Maksim); w with v;
//     ph with f; y and j with i; sh+ch (шч) with shch (щ). The groups are
//     read the English way, as every passport table writes them: ch is ч,
//     never the х of Łacinka and Polish (Cichanoŭskaja stays apart from
//     Tsikhanouskaya), and Polish sz and cz are not read.
//  3. The vowels a, o and e become one, a (Belarusian writes а and я where
//     Russian has unstressed о and е: Kapyl/Kopyl, Aliaksandr/Aleksandr,
//     Emialianau/Emelianov).
//  4. u after a vowel and before a consonant or the end of the word is v:
//     the Belarusian ў of -aŭ, -oŭ meets the Russian в of -ов, -ев
//     (Yemelyanau/Yemelyanov, Mahiliou/Mogilev, Liubou/Lyubov).
//  5. i before a vowel is dropped at the start of a word and after a
//     consonant: the glide of ia/ya/ja, ie/ye/je, iu/yu/ju and the soft
//     consonants (Yemelyanov/Emelianov, Sviatlana/Svetlana, Maryia/Mariya).
//
// Alexander and Aleksandr stay apart (x is ks, and the -er of Western forms
// is not folded); Match's tolerance of one misspelt letter brings them
// together in search. Vladimir and Uladzimir stay apart too.
//
// The folded key is made of the letters a i u b d f g k l m n p r s t v z,
// the groups zh ch sh shch, and digits and letters of other scripts as they
// came, and folding it again gives it back unchanged.
func foldWord(word []rune) string {
	sounds := foldSounds(parseSounds(latinLetters(word)))
	var b strings.Builder
	for _, s := range sounds {
		switch s {
		case 'ж':
			b.WriteString("zh")
		case 'ч':
			b.WriteString("ch")
		case 'ш':
			b.WriteString("sh")
		case 'щ':
			b.WriteString("shch")
		default:
			b.WriteRune(s)
		}
	}
	return b.String()
}

// keyCyrillic brings Belarusian, Russian and Ukrainian letters to Latin for
// Key, by one table whatever the language; the glide of е, ё, ю, я after a
// vowel need not be written, as fold drops it before a vowel anyway.
var keyCyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e",
	'ё': "io", 'є': "ie", 'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "i",
	'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ў': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "iu", 'я': "ia",
}

// keyLatin spells Latin letters that an accent does not explain: the
// Łacinka, Czech and Polish č š ž and soft ć, and letters without a
// decomposition.
var keyLatin = map[rune]string{
	'č': "ch", 'š': "sh", 'ž': "zh", 'ć': "ts", 'ł': "l", 'ø': "o",
	'æ': "ae", 'œ': "oe", 'ß': "ss", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// latinLetters spells a lower-case word in Latin letters without accents
// (Greek letters lose theirs too),
// each letter once where the word writes it twice in a row.
func latinLetters(word []rune) []rune {
	out := make([]rune, 0, len(word)+len(word)/2)
	add := func(s string) {
		for _, r := range s {
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			if n := len(out); n > 0 && out[n-1] == r {
				continue
			}
			out = append(out, r)
		}
	}
	for _, r := range word {
		switch {
		case r == 'x':
			add("ks") // before letters are made single: xs, xsh
		case r < 0x80:
			add(string(r))
		case keyCyrillic[r] != "" || r == 'ъ' || r == 'ь':
			add(keyCyrillic[r])
		case keyLatin[r] != "":
			add(keyLatin[r])
		case unicode.In(r, unicode.Latin, unicode.Greek):
			for _, d := range norm.NFD.String(string(r)) {
				if l, ok := keyLatin[d]; ok {
					add(l) // ǽ is æ with an accent
				} else if d == 'x' {
					add("ks") // ẋ is x with a dot
				} else {
					add(string(d))
				}
			}
		default:
			add(string(r))
		}
	}
	return out
}

// letterGroups are the groups of Latin letters that stand for one sound,
// longest first where one begins another, with the sounds they are read as
// (see foldWord, steps 2 and 3).
var letterGroups = []struct {
	letters string
	sounds  []rune
}{
	{"shch", []rune{'щ'}}, {"sh", []rune{'ш'}}, {"ch", []rune{'ч'}}, {"zh", []rune{'ж'}},
	{"kh", []rune{'g'}}, {"ts", []rune{'t'}}, {"dzh", []rune{'d', 'ж'}}, {"dz", []rune{'d'}},
	{"ph", []rune{'f'}}, {"ck", []rune{'k'}},
}

// letterSounds are the single letters read as another sound.
var letterSounds = map[rune]rune{
	'q': 'k', 'h': 'g', 'w': 'v', 'y': 'i', 'j': 'i', 'e': 'a', 'o': 'a',
}

// parseSounds reads Latin letters as sounds: a letter or group of letters
// becomes one rune, a plain letter for most and ж ч ш щ for the groups that
// stand for one sound.
func parseSounds(ls []rune) []rune {
	out := make([]rune, 0, len(ls))
next:
	for i := 0; i < len(ls); i++ {
		for _, g := range letterGroups {
			if hasPrefix(ls[i:], g.letters) {
				out = append(out, g.sounds...)
				i += len(g.letters) - 1
				continue next
			}
		}
		r := ls[i]
		if s, ok := letterSounds[r]; ok {
			r = s
		} else if r == 'c' {
			// c is ts before e, i and y (Cecilia), k elsewhere (Victor).
			r = 'k'
			if i+1 < len(ls) && strings.ContainsRune("eiy", ls[i+1]) {
				r = 't'
			}
		}
		out = append(out, r)
	}
	return out
}

// hasPrefix reports whether letters begins with the ASCII group.
func hasPrefix(letters []rune, group string) bool {
	if len(letters) < len(group) {
		return false
	}
	for j := range len(group) {
		if letters[j] != rune(group[j]) {
			return false
		}
	}
	return true
}

// foldSounds applies steps 4 and 5 of foldWord to a word's sounds, with
// sounds that come twice in a row made one before and after.
func foldSounds(ss []rune) []rune {
	// Belarusian шч is Russian щ.
	out := ss[:0]
	for _, s := range ss {
		if n := len(out); n > 0 && out[n-1] == 'ш' && s == 'ч' {
			out[n-1] = 'щ'
			continue
		}
		out = append(out, s)
	}
	ss = once(out)
	for i := 1; i < len(ss); i++ {
		if ss[i] == 'u' && ss[i-1] == 'a' && (i+1 == len(ss) || !vowel(ss[i+1])) {
			ss[i] = 'v'
		}
	}
	ss = once(ss)
	out = ss[:0]
	for i, s := range ss {
		if s == 'i' && i+1 < len(ss) && vowel(ss[i+1]) && (len(out) == 0 || !vowel(out[len(out)-1])) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// once writes each sound once where it comes several times in a row.
func once(ss []rune) []rune {
	out := ss[:0]
	for _, s := range ss {
		if n := len(out); n > 0 && out[n-1] == s {
			continue
		}
		out = append(out, s)
	}
	return out
}

// vowel reports whether a sound is one of the three vowels a key has.
func vowel(s rune) bool {
	return s == 'a' || s == 'i' || s == 'u'
}
