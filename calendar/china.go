package calendar

import (
	"slices"
	"sync"
	"time"

	lunar "github.com/6tail/lunar-go/calendar"
)

// Computed calendars cover these years: lunar-go counts days of the Julian
// calendar before 1582, and Date writes four-digit years.
const (
	minComputedYear = 1900
	maxComputedYear = 9999
)

// chinaComputedSource is the Source of every day ChinaStatutory computes.
const chinaComputedSource = "computed from the statutory holidays of the National Holiday Regulations " +
	"(全国年节及纪念日放假办法, as revised in November 2024) with lunar-go; not an official schedule"

// ChinaStatutory returns China's statutory days off of one year, computed and
// marked Provisional, for years the State Council has not yet scheduled:
// New Year (Jan 1), Spring Festival eve and days 1-3 (lunar), Qingming (the
// solar term), Labour Day (May 1-2), Dragon Boat (lunar 5/5), Mid-Autumn
// (lunar 8/15) and National Day (Oct 1-3).
//
// These are only the statutory days: the official schedule each November
// moves days around them (调休) to make longer breaks, which no rule predicts.
// The list is the one in force since 2025 and is applied to every year; for
// earlier years it is an approximation. Lunar dates and the solar term come
// from github.com/6tail/lunar-go. Years outside 1900-9999 give nil.
func ChinaStatutory(year int) []Holiday {
	if year < minComputedYear || year > maxComputedYear {
		return nil
	}
	// The lunar arithmetic takes about a millisecond a year and its result
	// never changes, so each year is computed once per process.
	if days, ok := chinaComputed.Load(year); ok {
		return slices.Clone(days.([]Holiday))
	}
	days := chinaStatutory(year)
	chinaComputed.Store(year, days)
	return slices.Clone(days)
}

// chinaComputed memoizes chinaStatutory: a pure function of the year.
var chinaComputed sync.Map // year → []Holiday

func chinaStatutory(year int) []Holiday {
	springFestival := fromSolar(lunar.NewLunarFromYmd(year, 1, 1).GetSolar())
	qingming := fromSolar(lunar.NewSolarFromYmd(year, 4, 1).GetLunar().GetJieQiTable()["清明"])
	dragonBoat := fromSolar(lunar.NewLunarFromYmd(year, 5, 5).GetSolar())
	midAutumn := fromSolar(lunar.NewLunarFromYmd(year, 8, 15).GetSolar())

	var days []Holiday
	add := func(name string, first Date, n int) {
		for i := range n {
			days = append(days, Holiday{Country: China, Date: first.AddDays(i), Kind: DayOff, Name: name,
				Provisional: true, Source: chinaComputedSource})
		}
	}
	add("new_year", Date{year, time.January, 1}, 1)
	// The eve is the day before lunar New Year: the last day of the 12th
	// month, the 29th or the 30th, whichever that month has.
	add("spring_festival", springFestival.AddDays(-1), 4)
	add("qingming", qingming, 1)
	add("labour_day", Date{year, time.May, 1}, 2)
	add("dragon_boat", dragonBoat, 1)
	add("mid_autumn", midAutumn, 1)
	add("national_day", Date{year, time.October, 1}, 3)
	sortHolidays(days)
	return days
}

func fromSolar(s *lunar.Solar) Date {
	return Date{s.GetYear(), time.Month(s.GetMonth()), s.GetDay()}
}
