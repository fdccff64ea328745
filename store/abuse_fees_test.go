package store_test

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/dataset"
)

// TestAbuse17OverlappingFeeRefused imports the default dataset with one
// more row, 999 USD for a visa the table already prices from a date the
// older row still covers: the import is refused as a whole, naming the
// row, the row it overlaps and the first day both are in force, and the
// fee table is left as it was. A row that follows the older one's last
// day imports.
func TestAbuse17OverlappingFeeRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	before, err := db.Fees(ctx)
	if err != nil {
		t.Fatal(err)
	}
	older := []byte(`  - {destination: BY, applicant: PRC, visa_type: C, entries: single,   amount: "30", currency: USD, valid_from: "2018-08-10", source: by-embassy-cn-fee-tariff}` + "\n")
	rows := bytes.Split(dataset.DefaultBytes()[bytes.Index(dataset.DefaultBytes(), []byte("\nfees:\n"))+7:], []byte("\n"))
	olderRow := 0
	for i, r := range rows {
		if bytes.Equal(append(r, '\n'), older) {
			olderRow = i + 1
		}
	}
	if olderRow == 0 {
		t.Fatal("the default dataset no longer has the row this test overlaps")
	}
	later := `  - {destination: BY, applicant: PRC, visa_type: C, entries: single, amount: "999", currency: USD, valid_from: "2025-01-01", source: by-embassy-cn-fee-tariff}` + "\n"
	overlapping := bytes.Replace(dataset.DefaultBytes(), older, append(older, later...), 1)
	ds, err := dataset.Parse(bytes.NewReader(overlapping))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Import(ctx, admin, ds, overlapping)
	key, data := chancery.ErrorKey(err)
	if chancery.ErrorCode(err) != chancery.EINVALID || key != "error.fee_overlap" ||
		data["Row"] != olderRow+1 || data["Other"] != olderRow || data["Day"] != "2025-01-01" || data["Amount"] != "999" {
		t.Fatalf("an overlapping fee row: %v %v", err, data)
	}
	if after, _ := db.Fees(ctx); !reflect.DeepEqual(after, before) {
		t.Fatalf("a refused import changed the fees:\n%v\n%v", before, after)
	}

	closed := bytes.Replace(older, []byte(`valid_from: "2018-08-10",`), []byte(`valid_from: "2018-08-10", valid_to: "2024-12-31",`), 1)
	following := bytes.Replace(dataset.DefaultBytes(), older, append(closed, later...), 1)
	if ds, err = dataset.Parse(bytes.NewReader(following)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, admin, ds, following); err != nil {
		t.Fatalf("a row that follows the older one's last day: %v", err)
	}
}
