package uploads

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
)

// FuzzCheck: whatever the bytes, Check answers with a file or a
// *chancery.Error (never a panic or another error), and what it keeps
// passes the same check again, as the same type and size.
func FuzzCheck(f *testing.F) {
	// More seeds are in testdata/fuzz/FuzzCheck.
	f.Add(makePDF(1, ""))
	f.Add(encodePNG(picture(8, 8, 1)))
	limits := Limits{FileBytes: 1 << 20, Pixels: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, rule := range []casework.DocumentRule{anyDocument, photoRule} {
			got, err := Check(context.Background(), bytes.NewReader(data), rule, limits, 0)
			if err != nil {
				if chancery.ErrorCode(err) == chancery.EINTERNAL {
					t.Fatalf("%s: not a refusal: %v", rule.ID, err)
				}
				continue
			}
			again, err := Check(context.Background(), bytes.NewReader(got.Bytes), rule, limits, 0)
			if err != nil {
				t.Fatalf("%s: kept %s does not pass again: %v", rule.ID, got.Type, err)
			}
			if again.Type != got.Type || again.Pages != got.Pages || again.Width != got.Width || again.Height != got.Height {
				t.Fatalf("%s: kept %s checks again as %s", rule.ID, got.Type+" "+size(got), again.Type+" "+size(again))
			}
		}
	})
}

func size(f File) string { return fmt.Sprintf("%d pages %dx%d", f.Pages, f.Width, f.Height) }
