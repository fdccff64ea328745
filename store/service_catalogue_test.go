package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// TestServiceCatalogueRoundTrip: what a service's page says (description,
// documents, processing time, fee) is kept as saved, each kind of fee;
// saving the same again changes nothing; a fee citing a source the
// database does not hold, or a sourced fee without its passage, is refused.
func TestServiceCatalogueRoundTrip(t *testing.T) {
	db := seeded(t)
	ctx := context.Background()
	svc, err := db.Service(ctx, "cq-visa")
	if err != nil {
		t.Fatal(err)
	}
	if svc.Fee.Kind != booking.FeeTable || len(svc.Documents) == 0 || svc.Description.Missing() != nil {
		t.Fatalf("the seeded visa service: %+v", svc.Catalogue)
	}
	four := func(s string) mission.Text {
		return mission.Text{"en": s + " (en)", "zh": s + "（中文）", "ru": s + " (рус.)", "be": s + " (бел.)"}
	}
	for _, c := range []struct {
		name string
		fee  booking.Fee
	}{
		{"a sourced text", booking.Fee{Kind: booking.FeeText, Text: four("USD 30"),
			Citation: mission.Citation{SourceID: "by-embassy-cn-fee-tariff", Quote: "B 30 $ 45 $ 90 $"}}},
		{"set by the mission", booking.Fee{Kind: booking.FeeByMission, Text: four("CNY 100"),
			Citation: mission.Citation{SetByMission: true, Note: four("Ask us")}}},
		{"the fee table", booking.Fee{Kind: booking.FeeTable}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := svc
			want.Catalogue = booking.Catalogue{Description: four("For visitors"), Documents: []mission.Text{four("Passport"), four("Photo")},
				ProcessingTime: four("Five working days"), Fee: c.fee}
			if changed, err := db.SaveService(ctx, admin, want); err != nil || !changed {
				t.Fatalf("saving: %v %v", changed, err)
			}
			got, err := db.Service(ctx, "cq-visa")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Catalogue, want.Catalogue) {
				t.Fatalf("read back %+v\nwant %+v", got.Catalogue, want.Catalogue)
			}
			listed, _ := db.Services(ctx, "by-cg-chongqing")
			if !reflect.DeepEqual(listed[0].Catalogue, want.Catalogue) {
				t.Fatalf("listed %+v", listed[0].Catalogue)
			}
			if changed, err := db.SaveService(ctx, admin, got); err != nil || changed {
				t.Fatalf("saving it again changed it: %v %v", changed, err)
			}
			log, err := db.AuditLog(ctx, store.AuditFilter{Entity: "service", EntityID: "cq-visa", Limit: 1})
			if err != nil || len(log) != 1 || !strings.Contains(log[0].After, "Five working days") {
				t.Fatalf("audit %+v %v", log, err)
			}
		})
	}
	for name, fee := range map[string]booking.Fee{
		"an unknown source": {Kind: booking.FeeText, Text: four("USD 1"), Citation: mission.Citation{SourceID: "no-such-source", Quote: "1 $"}},
		"no passage":        {Kind: booking.FeeText, Text: four("USD 1"), Citation: mission.Citation{SourceID: "by-embassy-cn-fee-tariff"}},
		"no text":           {Kind: booking.FeeText, Citation: mission.Citation{SourceID: "by-embassy-cn-fee-tariff", Quote: "B 30 $"}},
	} {
		bad := svc
		bad.Fee = fee
		if _, err := db.SaveService(ctx, admin, bad); chancery.ErrorCode(err) != chancery.EINVALID {
			t.Errorf("%s: %v, want EINVALID", name, err)
		}
	}
	// A text that cites no source is the mission's, never sourced.
	plain := svc
	plain.Fee = booking.Fee{Kind: booking.FeeText, Text: four("USD 5")}
	if _, err := db.SaveService(ctx, admin, plain); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Service(ctx, "cq-visa"); got.Fee.Kind != booking.FeeByMission || got.Fee.Sourced() {
		t.Fatalf("a text without a source reads as %+v", got.Fee)
	}
}
