package cooperation_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
)

// defaultRecords are the default dataset's records, by kind.
func defaultRecords(t *testing.T) (map[string][]cooperation.Record, cooperation.Lookup) {
	t.Helper()
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := ds.Cooperation
	by := map[string][]cooperation.Record{}
	var doc cooperation.Document
	for _, e := range c.Entities {
		doc.Add(e)
	}
	for _, r := range c.Roles {
		doc.Add(r)
	}
	for _, p := range c.Partnerships {
		doc.Add(p)
	}
	for _, a := range c.Agreements {
		doc.Add(a)
	}
	for _, e := range c.Events {
		doc.Add(e)
	}
	for _, r := range c.Corridors {
		doc.Add(r)
	}
	for _, f := range c.Trade {
		doc.Add(f)
	}
	kinds := map[string]cooperation.Kind{}
	for _, p := range doc.Records() {
		by[p.Record.RecordKind()] = append(by[p.Record.RecordKind()], p.Record)
	}
	for _, e := range c.Entities {
		kinds[e.ID] = e.Kind
	}
	sources := map[string]bool{}
	for _, s := range ds.Sources {
		sources[s.ID] = true
	}
	return by, cooperation.Lookup{
		Entity: func(id string) (cooperation.Kind, bool) { k, ok := kinds[id]; return k, ok },
		Source: func(id string) bool { return sources[id] },
	}
}

// TestDefaultRecordsPassTheChecks: what the dataset file accepts, the
// editor and the imports accept too.
func TestDefaultRecordsPassTheChecks(t *testing.T) {
	by, l := defaultRecords(t)
	for kind, recs := range by {
		for _, rec := range recs {
			if err := cooperation.Check(rec, l); err != nil {
				t.Errorf("%s %s: %v", kind, rec.RecordID(), err)
			}
		}
	}
}

// TestFieldsRoundTrip: every record written as columns (a form, a CSV
// row) reads back as the same record.
func TestFieldsRoundTrip(t *testing.T) {
	by, _ := defaultRecords(t)
	for kind, recs := range by {
		for _, rec := range recs {
			back, err := cooperation.Assemble(kind, cooperation.FieldsOf(rec))
			if err != nil {
				t.Fatalf("%s %s: %v", kind, rec.RecordID(), err)
			}
			if !reflect.DeepEqual(back, rec) {
				t.Errorf("%s %s:\n got %#v\nwant %#v", kind, rec.RecordID(), back, rec)
			}
		}
	}
}

// TestCSVAndJSONRoundTrip: the export of each kind as CSV, and of the whole
// record as JSON, reads back as the same records.
func TestCSVAndJSONRoundTrip(t *testing.T) {
	by, _ := defaultRecords(t)
	var doc cooperation.Document
	for _, kind := range cooperation.RecordKinds {
		var buf bytes.Buffer
		if err := cooperation.WriteCSV(&buf, kind, by[kind]); err != nil {
			t.Fatal(err)
		}
		got, err := cooperation.ReadCSV(&buf, kind)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if len(got) != len(by[kind]) {
			t.Fatalf("%s: read %d records, wrote %d", kind, len(got), len(by[kind]))
		}
		for i, p := range got {
			if !reflect.DeepEqual(p.Record, by[kind][i]) {
				t.Errorf("%s row %d:\n got %#v\nwant %#v", kind, p.Row, p.Record, by[kind][i])
			}
			doc.Add(by[kind][i])
		}
	}
	var buf bytes.Buffer
	if err := cooperation.EncodeDocument(&buf, doc); err != nil {
		t.Fatal(err)
	}
	back, err := cooperation.ReadDocument(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Records()) != len(doc.Records()) || !reflect.DeepEqual(back.Entities, doc.Entities) || !reflect.DeepEqual(back.Trade, doc.Trade) {
		t.Error("the JSON document does not read back as written")
	}
}

// TestCSVContinuationRows: rows with the one-value columns blank add items
// to the record above; alignment of a list's columns is kept.
func TestCSVContinuationRows(t *testing.T) {
	in := "id,kind,country,name.en,aliases[].text,aliases[].lang,citations[].source,citations[].quote\n" +
		"kapyl,place,BY,Kapyl District,Kopyl,ru,s1,Kapyl District\n" +
		",,,,Копыль,ru,s2,Копыльский район\n" +
		",,,,Koper,,,\n" +
		"\n" +
		"minsk,place,BY,Minsk,,,s1,Minsk\n"
	got, err := cooperation.ReadCSV(strings.NewReader(in), cooperation.KindEntity)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Row != 2 || got[1].Row != 6 {
		t.Fatalf("records %+v", got)
	}
	e := got[0].Record.(cooperation.Entity)
	want := []cooperation.Alias{{Text: "Kopyl", Lang: "ru"}, {Text: "Копыль", Lang: "ru"}, {Text: "Koper"}}
	if !reflect.DeepEqual(e.Aliases, want) || len(e.Citations) != 2 || e.Citations[1].Quote != "Копыльский район" {
		t.Errorf("entity %+v", e)
	}
}

// TestBadRecords: each kind of bad input gets its own error, naming the
// field, and nothing panics.
func TestBadRecords(t *testing.T) {
	by, l := defaultRecords(t)
	entity := by[cooperation.KindEntity][0].(cooperation.Entity)
	agreement := by[cooperation.KindAgreement][0].(cooperation.Agreement)
	trade := by[cooperation.KindTrade][0].(cooperation.TradeFigure)
	role := by[cooperation.KindRole][0].(cooperation.Role)
	cases := []struct {
		name  string
		rec   cooperation.Record
		key   string
		field string
	}{
		{"bad id", with(entity, func(e *cooperation.Entity) { e.ID = "Not An ID" }), "error.coop_id", "id"},
		{"unknown kind", with(entity, func(e *cooperation.Entity) { e.Kind = "animal" }), "error.coop_kind", "kind"},
		{"no English name", with(entity, func(e *cooperation.Entity) { e.Name = mission.Text{"zh": "重庆"} }), "error.coop_required", "name.en"},
		{"bad country", with(entity, func(e *cooperation.Entity) { e.Country = "XX" }), "error.coop_country", "country"},
		{"no citation", with(entity, func(e *cooperation.Entity) { e.Citations = nil }), "error.coop_citation_required", "citations"},
		{"unknown source", with(entity, func(e *cooperation.Entity) {
			e.Citations = []mission.Citation{{SourceID: "nowhere", Quote: "x"}}
		}), "error.source_not_found", "citations[0].source"},
		{"no quote", with(entity, func(e *cooperation.Entity) {
			e.Citations = []mission.Citation{{SourceID: entity.Citations[0].SourceID}}
		}), "error.coop_quote_required", "citations[0].quote"},
		{"malformed date", with(agreement, func(a *cooperation.Agreement) { a.Date = "2024-13-01" }), "error.coop_date", "date"},
		{"negative value", with(agreement, func(a *cooperation.Agreement) { a.Value = &cooperation.Money{Amount: "-5", Currency: "CNY"} }), "error.coop_negative", "value"},
		{"currency outside ISO 4217", with(agreement, func(a *cooperation.Agreement) { a.Value = &cooperation.Money{Amount: "5", Currency: "XYZ"} }), "error.coop_currency", "value"},
		{"unknown party", with(agreement, func(a *cooperation.Agreement) { a.Parties = []string{"atlantis"} }), "error.coop_unknown_entity", "parties[0]"},
		{"bad area", with(trade, func(f *cooperation.TradeFigure) { f.Area = "Chongqing" }), "error.coop_area", "area"},
		{"bad flow", with(trade, func(f *cooperation.TradeFigure) { f.Flow = "transit" }), "error.coop_flow", "flow"},
		{"person not a person", with(role, func(r *cooperation.Role) { r.Person = role.Organisation }), "error.coop_not_person", "person"},
		{"end before start", with(role, func(r *cooperation.Role) { r.From, r.To = "2024", "2021" }), "error.coop_span", "to"},
	}
	for _, c := range cases {
		err := cooperation.Check(c.rec, l)
		key, data := chancery.ErrorKey(err)
		if chancery.ErrorCode(err) != chancery.EINVALID || key != c.key || data["Field"] != c.field {
			t.Errorf("%s: %v (field %v), want %s on %s", c.name, err, data["Field"], c.key, c.field)
		}
	}
}

func with[T any](v T, change func(*T)) T {
	change(&v)
	return v
}

// TestBadFiles: a file that cannot be read as the record says why, and where.
func TestBadFiles(t *testing.T) {
	for _, c := range []struct{ name, kind, in, key string }{
		{"unknown column", "entity", "id,colour\nx,red\n", "error.record_column"},
		{"column twice", "entity", "id,id\nx,y\n", "error.record_column_twice"},
		{"no rows", "entity", "id,kind\n", "error.record_empty"},
		{"empty file", "entity", "", "error.record_empty"},
		{"continuation first", "entity", "id,aliases[].text\n,Kopyl\n", "error.record_row_orphan"},
		{"too wide", "entity", "id\nx,y\n", "error.record_row_width"},
		{"bad quoting", "entity", "id\n\"x\n", "error.record_csv"},
		{"not a number", "agreement", "id,count#\nx,many\n", "error.record_row"},
		{"unknown kind", "animal", "id\nx\n", "error.coop_kind"},
	} {
		_, err := cooperation.ReadCSV(strings.NewReader(c.in), c.kind)
		if key, _ := chancery.ErrorKey(err); key != c.key || chancery.ErrorCode(err) != chancery.EINVALID {
			t.Errorf("%s: %v, want %s", c.name, err, c.key)
		}
	}
	for _, c := range []struct{ name, in, key string }{
		{"not JSON", "{", "error.record_json"},
		{"unknown field", `{"format":"chancery-record","version":1,"entities":[{"id":"x","colour":"red"}]}`, "error.record_json"},
		{"other format", `{"format":"other","version":1}`, "error.record_format"},
		{"later version", `{"format":"chancery-record","version":2}`, "error.record_format"},
		{"nothing in it", `{"format":"chancery-record","version":1}`, "error.record_empty"},
		{"two values", `{"format":"chancery-record","version":1,"entities":[{"id":"x"}]} {}`, "error.record_json"},
	} {
		_, err := cooperation.ReadDocument(strings.NewReader(c.in))
		if key, _ := chancery.ErrorKey(err); key != c.key {
			t.Errorf("%s: %v, want %s", c.name, err, c.key)
		}
	}
}

// FuzzRecordCSV: reading any CSV never panics, fails only with a client
// error, and what it reads writes back and reads again as the same records.
func FuzzRecordCSV(f *testing.F) {
	f.Add("entity", "id,kind,name.en,aliases[].text\nkapyl,place,Kapyl,Kopyl\n,,,Koper\n")
	f.Add("agreement", "id,count#,parties[],value.amount\nx,2,a,5\n,,b,\n")
	f.Add("trade", "id,area,period,flow,citation.quote\nt,CN-CQ/BY,2023,total,\"a, b\"\n")
	f.Add("role", "person,organisation,title.en,from\np,o,Consul,2021\n")
	f.Fuzz(func(t *testing.T, kind, in string) {
		got, err := cooperation.ReadCSV(strings.NewReader(in), kind)
		if err != nil {
			if code := chancery.ErrorCode(err); code != chancery.EINVALID && code != chancery.ETOOLARGE {
				t.Fatalf("%v", err)
			}
			return
		}
		var recs []cooperation.Record
		for _, p := range got {
			recs = append(recs, p.Record)
		}
		var buf bytes.Buffer
		if err := cooperation.WriteCSV(&buf, kind, recs); err != nil {
			t.Fatal(err)
		}
		again, err := cooperation.ReadCSV(&buf, kind)
		if err != nil {
			t.Fatalf("what was read does not read again: %v\n%s", err, buf.String())
		}
		for i := range again {
			if !reflect.DeepEqual(again[i].Record, recs[i]) {
				t.Fatalf("record %d changed:\n%#v\n%#v", i, again[i].Record, recs[i])
			}
		}
	})
}
