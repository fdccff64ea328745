package names

import "unicode"

// BelarusianPassport writes Belarusian Cyrillic in Latin letters as Belarusian
// passports do: Аляксандр → Aliaksandr, Святлана → Sviatlana, Ігар → Ihar,
// Дзмітрый → Dzmitry. Anything that is not a Cyrillic letter of the table is
// copied unchanged, so Latin text passes through.
//
// The table is the Belarusian one of ICAO Doc 9303 (Machine Readable Travel
// Documents, Part 3, transliteration of Belarusian Cyrillic), with the
// national rules of the Ministry of Internal Affairs' instruction on passports
// (resolution No. 200 of 28 June 2010, pravo.by W21022721), which builds on
// the transliteration instruction for the population register (resolution
// No. 288 of 9 October 2008, 8/19678):
//
//   - Г is H (the Belarusian fricative), Ґ is G, Ў is U;
//   - Е and Э are E, Ё is IO, Ю is IU, Я is IA, after a consonant or not
//     (Марыя → Maryia, Ева → Eva); the digraphs JE/JO/JU/JA of the 2008
//     register instruction and of the geographical names instruction (2007)
//     are not used in passports;
//   - Й and І are I; Ы is Y, and the Й of a final -ый is dropped (Дзмітрый →
//     Dzmitry, Валерый → Valery), as issued passports spell these names;
//   - Ж is ZH, Х is KH, Ц is TS, Ч is CH, Ш is SH; ДЗ and ДЖ are written
//     letter by letter (DZ, DZH);
//   - the soft sign Ь is dropped (the 2008 register instruction's acute
//     accents, ń ś ź, are not allowed in passports), and so is the apostrophe
//     between two letters (Дар’я → Daria).
//
// Russian letters that Belarusian does not use are written by the same ICAO
// document's Russian table (И → I, Щ → SHCH, Ъ → IE), so a Russian spelling
// given by mistake still comes out in Latin letters.
func BelarusianPassport(s string) string {
	return transliterate(s, belarusianPassport)
}

// belarusianLetters is the ICAO Doc 9303 Belarusian table with Г → H.
var belarusianLetters = passportTable(map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e",
	'ё': "io", 'ж': "zh", 'з': "z", 'і': "i", 'й': "i", 'к': "k", 'л': "l",
	'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ў': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
	// Russian letters, by the Russian table of the same document.
	'и': "i", 'щ': "shch", 'ъ': "ie",
})

// belarusianPassport is belarusianLetters with the Й of a final -ый dropped.
func belarusianPassport(rs []rune, i int) (string, bool) {
	if unicode.ToLower(rs[i]) == 'й' && i > 0 && unicode.ToLower(rs[i-1]) == 'ы' && !letterAt(rs, i+1) {
		return "", true
	}
	return belarusianLetters(rs, i)
}
