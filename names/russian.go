package names

import (
	"strings"
	"unicode"
)

// RussianPassport writes Russian Cyrillic in Latin letters as Russian
// international passports have done since 2014: Дмитрий Емельянов → Dmitrii
// Emelianov. Anything that is not a Cyrillic letter of the table is copied
// unchanged.
//
// The table is the Russian one of ICAO Doc 9303 (Machine Readable Travel
// Documents, Part 3), reproduced in Russian regulations as "Транслитерация
// кириллицы для русского алфавита": Е and Ё → E, Ж → ZH, Й → I, Х → KH,
// Ц → TS, Ч → CH, Ш → SH, Щ → SHCH, Ъ → IE, Ы → Y, Ь dropped, Э → E,
// Ю → IU, Я → IA; every letter is written the same wherever it stands. The
// letters the same table gives for Belarusian and Ukrainian (І → I, Ў → U, Ґ → G)
// are read too, and an apostrophe between two letters is dropped.
func RussianPassport(s string) string {
	return transliterate(s, russianPassport)
}

// russianPassport is the ICAO Doc 9303 Russian table, with the letters it
// gives for Belarusian.
var russianPassport = passportTable(map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "ie", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
	'і': "i", 'ў': "u", 'ґ': "g",
})

// RussianBGN writes Russian Cyrillic in Latin letters by the BGN/PCGN 1947
// system, the one English-language atlases, governments and most of the
// press use: Дмитрий Емельянов → Dmitriy Yemel'yanov. Anything that is not a
// Russian Cyrillic letter is copied unchanged.
//
// The table is "Romanization of Russian, BGN/PCGN 1947 System" (US Board on
// Geographic Names and UK Permanent Committee on Geographical Names, checked
// June 2019): Е is YE at the start of a word and after a vowel, Й, Ъ or Ь,
// and E elsewhere; Ё is likewise YË or Ë; Ж → ZH, Й → Y, Х → KH, Ц → TS,
// Ч → CH, Ш → SH, Щ → SHCH, Ы → Y, Э → E, Ю → YU, Я → YA.
//
// The table marks the soft sign with ʹ and the hard sign with ʺ. They are
// written here as the ASCII apostrophe ' and quotation mark " that the press
// and people type (Yemel'yanov); Key drops all of them, so a name spelled
// with the marks, with other apostrophes or without any still meets. The
// table's optional middle dot (t·s for тс) is not written.
func RussianBGN(s string) string {
	return transliterate(s, russianBGN)
}

// bgnLetters is the BGN/PCGN table for the letters whose romanization does
// not depend on their place.
var bgnLetters = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': `"`, 'ы': "y",
	'ь': "'", 'э': "e", 'ю': "yu", 'я': "ya",
}

func russianBGN(rs []rune, i int) (string, bool) {
	r := unicode.ToLower(rs[i])
	switch r {
	case 'е':
		if bgnYotated(rs, i) {
			return "ye", true
		}
		return "e", true
	case 'ё':
		if bgnYotated(rs, i) {
			return "yë", true
		}
		return "ë", true
	}
	latin, ok := bgnLetters[r]
	return latin, ok
}

// bgnYotated reports whether the Е or Ё at rs[i] is written with a leading Y:
// at the start of a word, and after a vowel, Й, Ъ or Ь.
func bgnYotated(rs []rune, i int) bool {
	if !letterAt(rs, i-1) {
		return true
	}
	return strings.ContainsRune("аеёиоуыэюяйъь", unicode.ToLower(rs[i-1]))
}
