package calendar

import "time"

// belarusFixedSource is the Source of Belarus's days off fixed by law.
const belarusFixedSource = "Decree of the President of the Republic of Belarus No. 157 of 1998-03-26 " +
	"on public holidays, holidays and memorable dates (as amended)"

// BelarusFixed returns Belarus's non-working public holidays of one year:
// Jan 1 and 2 (New Year), Jan 7 (Orthodox Christmas), Mar 8 (Women's Day),
// Radunitsa (Orthodox Easter + 9 days), May 1 (Labour Day), May 9 (Victory
// Day), Jul 3 (Independence Day), Nov 7 (October Revolution Day) and Dec 25
// (Catholic Christmas). They are fixed by law, so not Provisional; the
// working days the Council of Ministers transfers each year are not here but
// in that year's Schedule. The list is the one in force today and is applied
// to every year. Years outside 1900-9999 give nil.
func BelarusFixed(year int) []Holiday {
	if year < minComputedYear || year > maxComputedYear {
		return nil
	}
	day := func(m time.Month, d int, name string) Holiday {
		return Holiday{Country: Belarus, Date: Date{year, m, d}, Kind: DayOff, Name: name, Source: belarusFixedSource}
	}
	radunitsa := orthodoxEaster(year).AddDays(9)
	return []Holiday{
		day(time.January, 1, "new_year"),
		day(time.January, 2, "new_year"),
		day(time.January, 7, "orthodox_christmas"),
		day(time.March, 8, "womens_day"),
		day(radunitsa.Month, radunitsa.Day, "radunitsa"),
		day(time.May, 1, "labour_day"),
		day(time.May, 9, "victory_day"),
		day(time.July, 3, "independence_day"),
		day(time.November, 7, "october_revolution_day"),
		day(time.December, 25, "catholic_christmas"),
	}
}

// orthodoxEaster returns the Gregorian date of Orthodox Easter Sunday.
// lunar-go does not compute Easter, so this is Meeus's Julian algorithm
// (Astronomical Algorithms, ch. 8): plain arithmetic on the Julian calendar's
// 19-year cycle, which the Orthodox Church still uses, not astronomy. It gives
// a Julian-calendar date, moved to the Gregorian calendar by the century gap
// (13 days in 1900-2099), which holds for any March or April date.
func orthodoxEaster(year int) Date {
	a := year % 4
	b := year % 7
	c := year % 19
	d := (19*c + 15) % 30
	e := (2*a + 4*b - d + 34) % 7
	month := time.Month((d + e + 114) / 31)
	day := (d+e+114)%31 + 1
	gap := year/100 - year/400 - 2
	return Date{year, month, day}.AddDays(gap)
}
