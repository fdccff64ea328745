package cooperation

import (
	"regexp"
	"strings"
)

// A spreadsheet opening a CSV file runs a cell that starts with = + - or @
// (or a tab or carriage return before one) as a formula: =HYPERLINK(…) in
// a record's name would become a link, or worse, in the reader's
// spreadsheet. WriteCSV therefore writes such a cell with a single quote
// before it, which spreadsheets show as text and do not keep; a plain
// number (-5, +3.25) is left alone, since no formula is a number. ReadCSV
// takes one quote off a cell that starts with quotes and then one of those
// characters, so that importing our own export gives back every value: a
// value that itself starts with quotes before = (say '=x) gains a quote
// on export as well.

// formulaCell matches what WriteCSV quotes: any quotes, then a character
// that starts a formula.
var formulaCell = regexp.MustCompile(`^'*[=+\-@\t\r]`)

// plainNumber matches a number with a sign, which no spreadsheet reads as
// a formula.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// csvCell is how WriteCSV writes a value.
func csvCell(v string) string {
	if formulaCell.MatchString(v) && !plainNumber.MatchString(v) {
		return "'" + v
	}
	return v
}

// csvValue is the value of a cell csvCell wrote.
func csvValue(cell string) string {
	if strings.HasPrefix(cell, "'") && formulaCell.MatchString(cell) {
		return cell[1:]
	}
	return cell
}
