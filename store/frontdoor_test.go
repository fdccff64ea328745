package store_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
)

// TestFrontDoorRoundTrip: a mission's directions and emergency contact
// come from the dataset file and from the desk, are kept in four
// languages, and one in another language is refused.
func TestFrontDoorRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	raw := bytes.Replace(dataset.DefaultBytes(), []byte("    city: {en: Chongqing, zh: 重庆, ru: Чунцин, be: Чунцын}\n"),
		[]byte("    city: {en: Chongqing, zh: 重庆, ru: Чунцин, be: Чунцын}\n    directions: {en: \"Metro line 3\", zh: \"轨道交通3号线\", ru: \"Метро, линия 3\", be: \"Метро, лінія 3\"}\n"), 1)
	if rep := importBytes(t, db, raw); rep.Updated != 1 {
		t.Fatalf("want the mission updated, got %s", rep)
	}
	m, err := db.Mission(ctx, "by-cg-chongqing")
	if err != nil || m.Directions["zh"] != "轨道交通3号线" || m.Directions["be"] != "Метро, лінія 3" || !m.Emergency.Empty() {
		t.Fatalf("from the file: %+v %v", m.Directions, err)
	}
	m.Emergency = mission.Text{"en": "Duty officer", "zh": "值班领事", "ru": "Дежурный консул", "be": "Дзяжурны консул"}
	if _, err := db.SaveMission(ctx, admin, m); err != nil {
		t.Fatal(err)
	}
	if m, err = db.Mission(ctx, "by-cg-chongqing"); err != nil || m.Emergency["ru"] != "Дежурный консул" || m.Directions["en"] != "Metro line 3" {
		t.Fatalf("from the desk: %+v %+v %v", m.Emergency, m.Directions, err)
	}
	m.Emergency = mission.Text{"en": "Duty officer", "fr": "Consul de garde"}
	if _, err := db.SaveMission(ctx, admin, m); err == nil {
		t.Fatal("an emergency contact in a language the site does not speak was kept")
	}
}
