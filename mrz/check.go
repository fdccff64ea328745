package mrz

import (
	"fmt"
	"time"
)

// CheckDigit is the check digit of s by ICAO Doc 9303: weights 7, 3, 1
// repeating from the left over the values 0-9 of digits, 10-35 of A-Z and
// 0 of the filler <, summed modulo 10. Any other character counts as 0;
// Parse lets none through.
func CheckDigit(s string) byte {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += charValue(s[i]) * weights[i%3]
	}
	return byte('0' + sum%10)
}

func charValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 0
}

// check is the check of field over covered with its digit read at digit.
// fillerOK allows the filler for the digit of a field left all fillers,
// as Doc 9303 allows it for the TD3 personal number.
func check(field, covered string, digit byte, fillerOK bool) Check {
	want := CheckDigit(covered)
	ok := digit == want
	if digit == '<' && fillerOK && isFiller(covered) {
		ok = true
	}
	return Check{Field: field, Digit: string(digit), Expected: string(want), Valid: ok}
}

func isFiller(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			return false
		}
	}
	return true
}

// Date readings of a YYMMDD field.
type century int

const (
	past   century = iota // a birth date: on or before today
	coming                // an expiry date: at most expiryAhead years after today
)

// expiryAhead is how many years after today an expiry date may lie: a
// passport lasts at most ten years, and the margin takes in documents
// issued for longer. An expiry two-digit year further ahead than this is
// read in the century before (an expired document).
const expiryAhead = 20

// readDate reads a YYMMDD field as YYYY-MM-DD relative to today (its
// calendar date is what counts): a birth year is the one that puts the
// date on or before today, an expiry year the one that puts it at most
// expiryAhead years ahead. known is false when the field has fillers (Doc
// 9303's unknown date); ok is false when it is no date (a letter, month
// 13, 30 February).
func readDate(yymmdd string, today time.Time, c century) (date string, known, ok bool) {
	if len(yymmdd) != 6 {
		return "", false, false
	}
	unknown := false
	for i := 0; i < 6; i++ {
		switch b := yymmdd[i]; {
		case b == '<':
			unknown = true
		case b < '0' || b > '9':
			return "", true, false
		}
	}
	if unknown {
		return "", false, true
	}
	yy := int(yymmdd[0]-'0')*10 + int(yymmdd[1]-'0')
	mm := int(yymmdd[2]-'0')*10 + int(yymmdd[3]-'0')
	dd := int(yymmdd[4]-'0')*10 + int(yymmdd[5]-'0')
	ty, tm, td := today.Date()
	year := ty - ty%100 + yy // this century
	switch c {
	case past:
		if year*10000+mm*100+dd > ty*10000+int(tm)*100+td {
			year -= 100
		}
	case coming:
		if year > ty+expiryAhead {
			year -= 100
		} else if year <= ty+expiryAhead-100 {
			year += 100
		}
	}
	t := time.Date(year, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if mm < 1 || mm > 12 || dd < 1 || t.Day() != dd || t.Month() != time.Month(mm) {
		return "", true, false
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, mm, dd), true, true
}

// dateCheck is the check of a date field: its check digit must match and,
// unless the zone leaves it unknown, it must be a date.
func dateCheck(field, yymmdd string, digit byte, today time.Time, c century) (string, Check) {
	date, known, ok := readDate(yymmdd, today, c)
	ch := check(field, yymmdd, digit, false)
	ch.Valid = ch.Valid && (ok || !known)
	return date, ch
}
