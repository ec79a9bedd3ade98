package rpcaddr

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    string // canonical base URL; "" for a refusal
		wantErr string
	}{
		{"http://127.0.0.1:7946", "http://127.0.0.1:7946", ""},
		{"http://[::1]:80", "http://[::1]:80", ""},
		{"http://Render-1.Example.com:8080", "http://render-1.example.com:8080", ""},
		{"http://10.0.0.2:9000/rpc/v1/relay/node-3", "http://10.0.0.2:9000/rpc/v1/relay/node-3", ""},
		{"http://127.0.0.1:18098/internal/admin/delete-everything?confirm=yes&ignored=", "", "not allowed"},
		{"http://127.0.0.1:18098/internal/admin/delete-everything", "", "path"},
		{"http://127.0.0.1:18098/", "", "path"},
		{"http://admin:secret@127.0.0.1:18098", "", "not allowed"},
		{"http://127.0.0.1:18098#/internal", "", "not allowed"},
		{"http://127.0.0.1:18098/rpc/v1/relay/../../internal", "", "path"},
		{"http://127.0.0.1:18098/rpc/v1/relay/a/b", "", "path"},
		{"http://127.0.0.1:18098/%2e%2e/internal", "", "not allowed"},
		{"https://127.0.0.1:18098", "", "scheme"},
		{"file:///etc/passwd", "", "scheme"},
		{"http:127.0.0.1:80", "", "scheme"},
		{"//127.0.0.1:80", "", "scheme"},
		{"127.0.0.1:80", "", ""},
		{"http://127.0.0.1", "", "port"},
		{"http://127.0.0.1:0", "", "port"},
		{"http://127.0.0.1:65536", "", "port"},
		{"http://127.0.0.1:080", "", "port"},
		{"http://[fe80::1%25eth0]:80", "", "not allowed"},
		{"http://bad_host:80", "", "neither an IP"},
		{"http://-bad.example:80", "", "neither an IP"},
		{"http://127.0.0.1:80 ", "", "not allowed"},
		{"http://" + strings.Repeat("a", 400) + ":80", "", "bytes"},
		{"", "", "scheme"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			a, err := Parse(tc.in)
			if tc.want != "" {
				if err != nil || a.String() != tc.want {
					t.Fatalf("got %q, %v; want %q", a.String(), err, tc.want)
				}
				return
			}
			if !errors.Is(err, ErrBad) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %+v, %v; want an error containing %q", a, err, tc.wantErr)
			}
		})
	}
}

// TestURL: the URLs built from an address carry our path alone.
func TestURL(t *testing.T) {
	tests := []struct{ base, path, want string }{
		{"http://127.0.0.1:7946", "/rpc/v1/render", "http://127.0.0.1:7946/rpc/v1/render"},
		{"http://10.0.0.2:9000/rpc/v1/relay/n3", "/rpc/v1/tasks/ab12", "http://10.0.0.2:9000/rpc/v1/relay/n3/rpc/v1/tasks/ab12"},
	}
	for _, tc := range tests {
		got, err := Join(tc.base, tc.path)
		if err != nil || got != tc.want {
			t.Errorf("Join(%q, %q) = %q, %v; want %q", tc.base, tc.path, got, err, tc.want)
		}
	}
	if _, err := Join("http://127.0.0.1:1/x?y", "/rpc/v1/render"); !errors.Is(err, ErrBad) {
		t.Errorf("Join of a bad base: %v, want ErrBad", err)
	}
}

// FuzzParse: any string either is refused or yields an address whose
// canonical form parses to itself, and whose URLs have no userinfo, query
// or fragment, the same host, and our path after at most a relay prefix.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"http://127.0.0.1:80", "http://[::1]:8080/rpc/v1/relay/n", "http://a.b:1?x#y", "http://u@h:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrBad) {
				t.Fatalf("Parse(%q): %v does not wrap ErrBad", s, err)
			}
			return
		}
		again, err := Parse(a.String())
		if err != nil || again != a {
			t.Fatalf("Parse(%q) = %+v, whose String %q parses to %+v, %v", s, a, a.String(), again, err)
		}
		const path = "/rpc/v1/render"
		u, err := url.Parse(a.URL(path))
		if err != nil {
			t.Fatalf("URL of %+v: %v", a, err)
		}
		want := path
		if a.Relay != "" {
			want = RelayPrefix + a.Relay + path
		}
		if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Scheme != "http" || u.Host != a.HostPort || u.Path != want {
			t.Fatalf("URL of %q is %q", s, a.URL(path))
		}
	})
}

// BenchmarkJoin: what building a call's URL from an advertised address
// costs (every call to a member pays it once).
func BenchmarkJoin(b *testing.B) {
	for b.Loop() {
		if _, err := Join("http://10.0.0.2:9000/rpc/v1/relay/node-3", "/rpc/v1/render"); err != nil {
			b.Fatal(err)
		}
	}
}
