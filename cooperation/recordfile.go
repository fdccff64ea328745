package cooperation

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/chancery-platform/chancery"
)

// DocumentFormat names the JSON file of the record that staff export and
// import; DocumentVersion is the version of its layout.
const (
	DocumentFormat  = "chancery-record"
	DocumentVersion = 1
)

// Document is the record, or part of it, as one JSON file: each kind's
// records in the shape the API gives them.
type Document struct {
	Format       string        `json:"format"`
	Version      int           `json:"version"`
	Entities     []Entity      `json:"entities,omitempty"`
	Roles        []Role        `json:"roles,omitempty"`
	Partnerships []Partnership `json:"partnerships,omitempty"`
	Agreements   []Agreement   `json:"agreements,omitempty"`
	Events       []Event       `json:"events,omitempty"`
	Corridors    []Corridor    `json:"corridors,omitempty"`
	Trade        []TradeFigure `json:"trade_figures,omitempty"`
}

// Placed is a record read from a file with where it stands there: its
// first row in a CSV file, or its place in its list in a JSON file.
type Placed struct {
	Record Record
	Row    int    // CSV: the row of the file, the header being row 1
	List   string // JSON: the list it is in, such as "entities"
	Item   int    // JSON: its position in that list, from 1
}

// At wraps a problem of the record with where it stands, so that the
// message names the row or item and the record.
func (p Placed) At(err error) error {
	if err == nil {
		return nil
	}
	id := ""
	if p.Record != nil {
		id = p.Record.RecordID()
	}
	if p.List != "" {
		return chancery.Errorf(chancery.ErrorCode(err), "error.record_item", "List", p.List, "Item", p.Item, "ID", id, "Problem", err)
	}
	return chancery.Errorf(chancery.ErrorCode(err), "error.record_row", "Row", p.Row, "ID", id, "Problem", err)
}

// Records lists the document's records, entities first (the others name them).
func (d Document) Records() []Placed {
	var out []Placed
	add := func(list string, n int, rec func(int) Record) {
		for i := range n {
			out = append(out, Placed{Record: rec(i), List: list, Item: i + 1})
		}
	}
	add("entities", len(d.Entities), func(i int) Record { return d.Entities[i] })
	add("roles", len(d.Roles), func(i int) Record { return d.Roles[i] })
	add("partnerships", len(d.Partnerships), func(i int) Record { return d.Partnerships[i] })
	add("agreements", len(d.Agreements), func(i int) Record { return d.Agreements[i] })
	add("events", len(d.Events), func(i int) Record { return d.Events[i] })
	add("corridors", len(d.Corridors), func(i int) Record { return d.Corridors[i] })
	add("trade_figures", len(d.Trade), func(i int) Record { return d.Trade[i] })
	return out
}

// Add puts a record into its list of the document.
func (d *Document) Add(rec Record) {
	switch r := rec.(type) {
	case Entity:
		d.Entities = append(d.Entities, r)
	case Role:
		d.Roles = append(d.Roles, r)
	case Partnership:
		d.Partnerships = append(d.Partnerships, r)
	case Agreement:
		d.Agreements = append(d.Agreements, r)
	case Event:
		d.Events = append(d.Events, r)
	case Corridor:
		d.Corridors = append(d.Corridors, r)
	case TradeFigure:
		d.Trade = append(d.Trade, r)
	}
}

// ReadDocument reads a JSON file of the record strictly: an unknown field,
// another format or a later version is an error that says so.
func ReadDocument(r io.Reader) (Document, error) {
	var d Document
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return d, chancery.Errorf(chancery.EINVALID, "error.record_json", "Problem", err.Error())
	}
	if dec.More() {
		return d, chancery.Errorf(chancery.EINVALID, "error.record_json", "Problem", "more than one JSON value")
	}
	if d.Format != DocumentFormat || d.Version < 1 || d.Version > DocumentVersion {
		return d, chancery.Errorf(chancery.EINVALID, "error.record_format", "Format", DocumentFormat, "Version", DocumentVersion)
	}
	if len(d.Records()) == 0 {
		return d, chancery.Errorf(chancery.EINVALID, "error.record_empty")
	}
	return d, nil
}

// WriteCSV writes records of one kind as CSV: a header of the kind's
// columns, then a row for each record, followed by a row for each further
// item of its lists (aliases, parties, citations), its other columns
// left blank. A cell a spreadsheet would run as a formula is written with
// a quote before it (see csvCell).
func WriteCSV(w io.Writer, kind string, recs []Record) error {
	cw := csv.NewWriter(w)
	columns := Columns[kind]
	header := make([]string, len(columns))
	for i, c := range columns {
		header[i] = string(c)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, rec := range recs {
		f := FieldsOf(rec)
		for item := range max(1, f.Items(kind)) {
			row := make([]string, len(columns))
			for i, c := range columns {
				switch {
				case c.List() != "" && item < len(f[c]):
					row[i] = csvCell(f[c][item])
				case c.List() == "" && item == 0:
					row[i] = csvCell(f.Get(c))
				}
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// MaxCSVRows bounds the rows of one CSV import.
const MaxCSVRows = 200_000

// ReadCSV reads records of one kind from CSV in the shape WriteCSV writes:
// a header naming some of the kind's columns (in any order; a column the
// kind does not have is an error), a row starting each record, and rows
// whose one-value columns are all blank adding items to its lists; the
// quote WriteCSV puts before a formula is taken off (see csvValue). Each
// record is assembled (not yet checked: see Check) with the row it
// starts at.
func ReadCSV(r io.Reader, kind string) ([]Placed, error) {
	if _, ok := NewRecord(kind); !ok {
		return nil, invalid("kind", "error.coop_kind", "Value", kind, "Allowed", strings.Join(RecordKinds, ", "))
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, chancery.Errorf(chancery.EINVALID, "error.record_empty")
	}
	if err != nil {
		return nil, recordCSVError(err)
	}
	known := map[Column]bool{}
	for _, c := range Columns[kind] {
		known[c] = true
	}
	cols := make([]Column, len(header))
	seen := map[Column]bool{}
	for i, h := range header {
		c := Column(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if strings.HasSuffix(string(c), ".note") && known[c+".en"] {
			c += ".en" // a file from before notes had translations: its notes are English
		}
		if !known[c] {
			return nil, chancery.Errorf(chancery.EINVALID, "error.record_column", "Column", string(c), "Kind", kind)
		}
		if seen[c] {
			return nil, chancery.Errorf(chancery.EINVALID, "error.record_column_twice", "Column", string(c))
		}
		seen[c] = true
		cols[i] = c
	}
	var out []Placed
	var cur Fields
	start := 0
	flush := func() error {
		if cur == nil {
			return nil
		}
		p := Placed{Row: start}
		rec, err := Assemble(kind, cur)
		if err != nil {
			return p.At(err)
		}
		// A record of list items alone (its own values all empty once
		// read, such as a count of 00) has nothing to start its row.
		own := false
		for c, vs := range FieldsOf(rec) {
			own = own || (c.List() == "" && len(vs) > 0)
		}
		if !own {
			first := Columns[kind][0]
			return p.At(invalid(string(first), "error.coop_required"))
		}
		p.Record = rec
		out = append(out, p)
		return nil
	}
	for rows := 1; ; rows++ {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, recordCSVError(err)
		}
		n, _ := cr.FieldPos(0) // the file's line: the reader skips empty ones
		if rows > MaxCSVRows {
			return nil, chancery.Errorf(chancery.ETOOLARGE, "error.record_rows", "Max", MaxCSVRows)
		}
		if len(row) > len(cols) {
			return nil, chancery.Errorf(chancery.EINVALID, "error.record_row_width", "Row", n, "Columns", len(cols))
		}
		starts, blank := false, true
		for i, v := range row {
			if strings.TrimSpace(v) != "" {
				blank = false
				starts = starts || cols[i].List() == ""
			}
		}
		if blank {
			continue
		}
		if starts {
			if err := flush(); err != nil {
				return nil, err
			}
			cur, start = Fields{}, n
		} else if cur == nil {
			return nil, chancery.Errorf(chancery.EINVALID, "error.record_row_orphan", "Row", n)
		}
		for i, c := range cols {
			v := ""
			if i < len(row) {
				v = csvValue(row[i])
			}
			if c.List() != "" || starts {
				cur[c] = append(cur[c], v)
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, chancery.Errorf(chancery.EINVALID, "error.record_empty")
	}
	return out, nil
}

func recordCSVError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return chancery.Errorf(chancery.EINVALID, "error.record_csv", "Row", pe.Line, "Problem", pe.Err.Error())
	}
	return chancery.Errorf(chancery.EINVALID, "error.record_csv", "Row", 0, "Problem", err.Error())
}

// EncodeDocument writes the document as indented JSON.
func EncodeDocument(w io.Writer, d Document) error {
	d.Format, d.Version = DocumentFormat, DocumentVersion
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
