package chancery_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/chancery-platform/chancery"
)

// TestErrorIdentity: an error is found by the sentinel it was made from,
// through wrapping and with data of its own, and never by its key alone.
func TestErrorIdentity(t *testing.T) {
	full := chancery.Errorf(chancery.ECONFLICT, "error.slot_full")
	day := chancery.Errorf(chancery.ECONFLICT, "error.day_full")
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"the sentinel itself", full, true},
		{"wrapped", fmt.Errorf("booking: %w", full), true},
		{"with data", full.With("Day", "2026-12-01"), true},
		{"with data, twice", full.With("A", 1).With("B", 2), true},
		{"another sentinel", day, false},
		{"the same key, made apart", chancery.Errorf(chancery.ECONFLICT, "error.slot_full"), false},
		{"another error", errors.New("slot full"), false},
	} {
		if got := errors.Is(tc.err, full); got != tc.want {
			t.Errorf("%s: errors.Is = %v, want %v", tc.name, got, tc.want)
		}
	}
	withDay := day.With("Day", "2026-12-01")
	if withDay.Data["Day"] != "2026-12-01" || day.Data != nil || chancery.ErrorCode(withDay) != chancery.ECONFLICT {
		t.Errorf("With changed the sentinel or lost the data: %+v, %+v", withDay, day)
	}
	if key, _ := chancery.ErrorKey(withDay); key != "error.day_full" {
		t.Errorf("the message key of an error made with With: %q", key)
	}
}

// TestAtField: a rule's errors told about the field that held the value
// name it, keep their identity, and leave the originals as they were.
func TestAtField(t *testing.T) {
	bad := chancery.Errorf(chancery.EINVALID, "error.date_invalid", "Date", "2026-02-30")
	sentinel := chancery.Errorf(chancery.EINVALID, "error.slot_gone")
	err := chancery.AtField("day", errors.Join(bad, sentinel.With("Day", "1")))
	all := chancery.Errors(err)
	if len(all) != 2 || all[0].Data["Field"] != "day" || all[0].Data["Date"] != "2026-02-30" || all[1].Data["Field"] != "day" {
		t.Fatalf("AtField gave %v", all)
	}
	if !errors.Is(err, sentinel) {
		t.Error("the sentinel is no longer found")
	}
	if _, ok := bad.Data["Field"]; ok {
		t.Error("the original error was changed")
	}
	if chancery.AtField("day", nil) != nil {
		t.Error("nil is not nil")
	}
}
