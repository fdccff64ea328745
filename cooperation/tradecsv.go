package cooperation

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
)

// MaxTradeCSV bounds a trade CSV file: rows and bytes.
const (
	MaxTradeRows  = 100_000
	MaxTradeBytes = 16 << 20
)

// TradeCSV says where the rows of a trade CSV come from: the area they
// measure, the source they cite and the file's name, which each figure's
// citation names with its row.
type TradeCSV struct {
	Area     string // e.g. "CN-CQ/BY"; a column "area" overrides it per row
	SourceID string
	FileName string
}

// tradeColumns are the columns a trade CSV may have; the first four are
// required, in the shape of China Customs' monthly tables.
var tradeColumns = []string{"period", "flow", "value", "currency", "change", "area"}

// Parse reads a trade CSV: a header row naming the columns (period, flow,
// value, currency; optionally change and area, in any order), then one
// figure a row. Every row is checked before anything is returned, so an
// import takes all of a file or none of it; the first bad row is named in
// the error with its column. Each figure cites the source with its own row
// as the quoted passage, and gets an identifier made of its area, period,
// flow and source, so importing the same file again changes nothing.
func (t TradeCSV) Parse(r io.Reader) ([]TradeFigure, error) {
	placed, err := t.ParsePlaced(r)
	if err != nil {
		return nil, err
	}
	out := make([]TradeFigure, len(placed))
	for i, p := range placed {
		out[i] = p.Record.(TradeFigure)
	}
	return out, nil
}

// ParsePlaced is Parse with each figure's row, for imports that check
// the figures again against the record and name a row that fails.
func (t TradeCSV) ParsePlaced(r io.Reader) ([]Placed, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxTradeBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxTradeBytes {
		return nil, chancery.Errorf(chancery.ETOOLARGE, "error.trade_csv_too_large", "Max", MaxTradeBytes>>20)
	}
	if !utf8.Valid(raw) {
		return nil, chancery.Errorf(chancery.EINVALID, "error.trade_csv_encoding")
	}
	raw = bytes.TrimPrefix(raw, []byte("\ufeff")) // a byte-order mark, as spreadsheets write
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, chancery.Errorf(chancery.EINVALID, "error.trade_csv_empty")
	}
	if err != nil {
		return nil, csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range tradeColumns {
			known = known || c == h
		}
		if !known {
			return nil, chancery.Errorf(chancery.EINVALID, "error.trade_csv_column", "Column", h, "Columns", strings.Join(tradeColumns, ", "))
		}
		if _, dup := col[h]; dup {
			return nil, chancery.Errorf(chancery.EINVALID, "error.trade_csv_column_twice", "Column", h)
		}
		col[h] = i
	}
	for _, c := range tradeColumns[:4] {
		if _, ok := col[c]; !ok {
			return nil, chancery.Errorf(chancery.EINVALID, "error.trade_csv_missing", "Column", c)
		}
	}
	var out []Placed
	ids := map[string]int{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // an empty line
		}
		if len(out) >= MaxTradeRows {
			return nil, chancery.Errorf(chancery.ETOOLARGE, "error.trade_csv_too_many", "Max", MaxTradeRows)
		}
		f, err := t.figure(rec, col, row)
		if err != nil {
			return nil, err
		}
		if first, dup := ids[f.ID]; dup {
			return nil, chancery.Errorf(chancery.EINVALID, "error.trade_csv_duplicate", "Row", row, "First", first)
		}
		ids[f.ID] = row
		out = append(out, Placed{Record: f, Row: row})
	}
	if len(out) == 0 {
		return nil, chancery.Errorf(chancery.EINVALID, "error.trade_csv_empty")
	}
	return out, nil
}

// figure reads one row.
func (t TradeCSV) figure(rec []string, col map[string]int, row int) (TradeFigure, error) {
	get := func(c string) string {
		if i, ok := col[c]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	rowErr := func(err error) error {
		key, data := chancery.ErrorKey(err)
		args := []any{"Row", row}
		for k, v := range data {
			args = append(args, k, v)
		}
		e := chancery.Errorf(chancery.ErrorCode(err), key, args...)
		e.Detail = "row " + strconv.Itoa(row)
		return e
	}
	f := TradeFigure{Area: t.Area, Period: get("period"), Flow: strings.ToLower(get("flow")), Change: get("change")}
	if a := get("area"); a != "" {
		f.Area = a
	}
	switch {
	case f.Area == "" || len(f.Area) > 40:
		return f, rowErr(invalid("area", "error.coop_area", "Value", f.Area))
	case f.Flow != Total && f.Flow != Imports && f.Flow != Exports:
		return f, rowErr(invalid("flow", "error.coop_flow", "Value", f.Flow))
	}
	if err := CheckPeriod("period", f.Period); err != nil {
		return f, rowErr(err)
	}
	m := Money{Amount: strings.ReplaceAll(get("value"), ",", ""), Currency: strings.ToUpper(get("currency"))}
	if err := m.Check("value"); err != nil {
		return f, rowErr(err)
	}
	if m.Currency == "" {
		return f, rowErr(invalid("currency", "error.coop_currency", "Value", ""))
	}
	f.Value = &m
	if err := CheckChange("change", f.Change); err != nil {
		return f, rowErr(err)
	}
	f.ID = "trade-" + slug(f.Area, 20) + "-" + strings.ReplaceAll(f.Period, "/", "-") + "-" + f.Flow + "-" + slug(t.SourceID, 30)
	f.Citation = mission.Citation{SourceID: t.SourceID, Quote: strings.Join(rec, ","),
		Note: rowNote(row, t.FileName)}
	return f, nil
}

// rowNote says where in an imported file a figure's row was, in every language.
func rowNote(row int, file string) mission.Text {
	n := strconv.Itoa(row)
	return mission.Text{
		"en": "row " + n + " of " + file,
		"zh": file + " 第 " + n + " 行",
		"ru": "строка " + n + " файла " + file,
		"be": "радок " + n + " файла " + file,
	}
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return chancery.Errorf(chancery.EINVALID, "error.trade_csv_syntax", "Row", pe.Line, "Problem", pe.Err.Error())
	}
	return chancery.Errorf(chancery.EINVALID, "error.trade_csv_syntax", "Row", 0, "Problem", err.Error())
}
