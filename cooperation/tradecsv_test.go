package cooperation_test

import (
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
)

var customs = cooperation.TradeCSV{Area: "CN-CQ/BY", SourceID: "gacc-2024", FileName: "cq-by-2024.csv"}

func TestTradeCSV(t *testing.T) {
	good := "\ufeffperiod,flow,value,currency,change\n2024-01/2024-10,total,\"1,450,000\",usd,103.5\n2024-01/2024-10,import,900000,USD,\n\n2023,export,550000.5,CNY,-12\n"
	figs, err := customs.Parse(strings.NewReader(good))
	if err != nil || len(figs) != 3 {
		t.Fatalf("%d figures, %v", len(figs), err)
	}
	f := figs[0]
	if f.Value.Amount != "1450000" || f.Value.Currency != "USD" || f.Change != "103.5" || f.Area != "CN-CQ/BY" || f.Flow != cooperation.Total ||
		f.Citation.SourceID != "gacc-2024" || f.Citation.Note["en"] != "row 2 of cq-by-2024.csv" || !strings.Contains(f.Citation.Quote, "1,450,000") {
		t.Fatalf("first figure %+v %+v", f, f.Value)
	}
	again, _ := customs.Parse(strings.NewReader(good))
	if again[2].ID != figs[2].ID || figs[0].ID == figs[1].ID {
		t.Fatalf("identifiers: %s %s %s / %s", figs[0].ID, figs[1].ID, figs[2].ID, again[2].ID)
	}
	for _, c := range []struct {
		name, csv, key string
		row            int
	}{
		{"empty file", "", "error.trade_csv_empty", 0},
		{"header only", "period,flow,value,currency\n", "error.trade_csv_empty", 0},
		{"missing column", "period,flow,value\n2023,total,1\n", "error.trade_csv_missing", 0},
		{"unknown column", "period,flow,value,currency,colour\n", "error.trade_csv_column", 0},
		{"column twice", "period,flow,value,currency,flow\n", "error.trade_csv_column_twice", 0},
		{"malformed date", "period,flow,value,currency\n2023,total,1,CNY\n2023-13,total,1,CNY\n", "error.coop_period", 3},
		{"currency outside ISO 4217", "period,flow,value,currency\n2023,total,1,RMB\n", "error.coop_currency", 2},
		{"no currency", "period,flow,value,currency\n2023,total,1,\n", "error.coop_currency", 2},
		{"negative value", "period,flow,value,currency\n2023,total,-5,CNY\n", "error.coop_negative", 2},
		{"not a number", "period,flow,value,currency\n2023,total,lots,CNY\n", "error.coop_amount", 2},
		{"unknown flow", "period,flow,value,currency\n2023,transit,1,CNY\n", "error.coop_flow", 2},
		{"bad change", "period,flow,value,currency,change\n2023,total,1,CNY,50%\n", "error.coop_change", 2},
		{"duplicate record", "period,flow,value,currency\n2023,total,1,CNY\n2023,total,2,CNY\n", "error.trade_csv_duplicate", 3},
		{"broken quoting", "period,flow,value,currency\n2023,total,\"1,CNY\n", "error.trade_csv_syntax", 0},
		{"not UTF-8", "period,flow,value,currency\n2023,total,1,\xff\n", "error.trade_csv_encoding", 0},
	} {
		_, err := customs.Parse(strings.NewReader(c.csv))
		key, data := chancery.ErrorKey(err)
		if key != c.key || chancery.ErrorCode(err) != chancery.EINVALID {
			t.Errorf("%s: %v (key %q), want %s", c.name, err, key, c.key)
			continue
		}
		if c.row != 0 && data["Row"] != c.row {
			t.Errorf("%s: row %v, want %d", c.name, data["Row"], c.row)
		}
	}
}

// FuzzTradeCSV: any file is either a list of valid figures or a clear
// client error, never a panic.
func FuzzTradeCSV(f *testing.F) {
	f.Add("period,flow,value,currency,change\n2024-01/2024-10,total,1450000,USD,103.5\n")
	f.Add("period,flow,value,currency\n2023,total,-5,CNY\n")
	f.Add("\ufeffarea,period,flow,value,currency\nCN-CQ/BY,2023,import,\"1,000\",BYN\n")
	f.Fuzz(func(t *testing.T, s string) {
		figs, err := customs.Parse(strings.NewReader(s))
		if err != nil {
			if c := chancery.ErrorCode(err); c != chancery.EINVALID && c != chancery.ETOOLARGE {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		for _, f := range figs {
			if cooperation.CheckPeriod("p", f.Period) != nil || f.Value.Check("v") != nil || cooperation.CheckID("id", f.ID) != nil {
				t.Fatalf("an invalid figure came through: %+v", f)
			}
		}
	})
}
