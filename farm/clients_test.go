package farm

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
)

// FuzzIdentify: no Authorization header panics the node, and only the
// owner's token or a client's own token is ever accepted, as whom it
// names.
func FuzzIdentify(f *testing.F) {
	st, err := store.Open(filepath.Join(f.TempDir(), "farm.db"), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	const owner = "owner-token-owner-token-owner-token"
	c, err := newClients(st, owner)
	if err != nil {
		f.Fatal(err)
	}
	tok, err := c.create(api.TokenRequest{Name: "studio-a"}, time.Now())
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{"", "Bearer " + owner, "Bearer " + tok.Token, "Bearer ", "bearer " + owner, "Basic abc", "Bearer " + tok.Token + " ", "Bearer " + owner[:10]} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		who, err := c.identify(header)
		switch {
		case err != nil:
			if who != (caller{}) {
				t.Fatalf("%q refused as %+v", header, who)
			}
		case header == "Bearer "+owner:
			if !who.admin || who.name != "" {
				t.Fatalf("the owner's token is %+v", who)
			}
		case header == "Bearer "+tok.Token:
			if who.admin || who.name != "studio-a" {
				t.Fatalf("studio-a's token is %+v", who)
			}
		default:
			t.Fatalf("%q accepted as %+v", header, who)
		}
		if err != nil && !strings.Contains(err.Error(), "token") && !strings.Contains(err.Error(), "Bearer") {
			t.Fatalf("%q: the refusal %q names neither the token nor the header's form", header, err)
		}
	})
}
