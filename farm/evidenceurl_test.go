package farm

import (
	"errors"
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestEvidenceURL: a conviction notice's bundle is fetched only from the
// evidence route of the job and node it names, at an RPC address.
func TestEvidenceURL(t *testing.T) {
	const accused = "0x00000000000000000000000000000000000000Aa"
	tests := []struct {
		name, job, url string
		ok             bool
	}{
		{"the evidence route", "ab12", "http://127.0.0.1:9000/rpc/v1/evidence/ab12/" + accused, true},
		{"through a relay", "ab12", "http://10.0.0.1:9000/rpc/v1/relay/n1/rpc/v1/evidence/ab12/" + accused, true},
		{"another route", "ab12", "http://127.0.0.1:9000/internal/admin/delete-everything?confirm=yes&x=/rpc/v1/evidence/ab12/" + accused, false},
		{"a path before the route", "ab12", "http://127.0.0.1:9000/internal/rpc/v1/evidence/ab12/" + accused, false},
		{"userinfo", "ab12", "http://a:b@127.0.0.1:9000/rpc/v1/evidence/ab12/" + accused, false},
		{"another job", "ab12", "http://127.0.0.1:9000/rpc/v1/evidence/cd34/" + accused, false},
		{"a job id that is a path", "../../x", "http://127.0.0.1:9000/rpc/v1/evidence/../../x/" + accused, false},
		{"https", "ab12", "https://127.0.0.1:9000/rpc/v1/evidence/ab12/" + accused, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := evidenceURL(api.ConvictionNotice{Job: tc.job, Accused: accused, URL: tc.url})
			if tc.ok {
				if err != nil || got != tc.url {
					t.Fatalf("got %q, %v; want %q", got, err, tc.url)
				}
				return
			}
			if !errors.Is(err, ErrBadEvidence) {
				t.Fatalf("got %q, %v; want ErrBadEvidence", got, err)
			}
		})
	}
}
