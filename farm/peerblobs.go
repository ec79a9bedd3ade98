package farm

// Blobs (scenes, tiles, evidence) go from node to node only to members of
// the cluster: a member's GET is signed with its node key for the node it
// asks (rpc.SignRequest), and the node that serves checks the signature,
// that it is the recipient, and that the signer is a member. Blob GETs carry
// no body to sign, so the request itself is signed: unsigned, anyone who
// reaches the RPC port could read every scene.

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// signingTransport signs every GET the node makes to a member's RPC URL
// (whatever the caller: a worker's scene fetch, a finish's tiles, a
// checker's or an arbiter's evidence), so no caller can forget to.
type signingTransport struct {
	base    http.RoundTripper
	ident   *rpc.Identity
	members func() []api.Member
}

func (t *signingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// A caller that knew its recipient signed already (coordinator.signedGet).
	if req.Method == http.MethodGet && req.Header.Get(rpc.HeaderSigned) == "" {
		if to, path, ok := recipientOf(t.members(), req.URL); ok {
			req = req.Clone(req.Context()) // a RoundTripper must not change its request
			if err := t.ident.SignRequest(req, path, to); err != nil {
				return nil, fmt.Errorf("sign %s: %w", req.URL.Path, err)
			}
		}
	}
	return t.base.RoundTrip(req)
}

// recipientOf finds the member whose RPC URL u is under, and the path that
// member sees. The longest URL wins: a relayed member's URL starts with its
// gateway's.
func recipientOf(members []api.Member, u *url.URL) (common.Address, string, bool) {
	var best api.Member
	var bestPath string
	full := u.Scheme + "://" + u.Host + u.Path
	for _, m := range members {
		base := strings.TrimRight(m.API, "/")
		rest, ok := strings.CutPrefix(full, base)
		if !ok || base == "" || !strings.HasPrefix(rest, "/") || !common.IsHexAddress(m.Addr) {
			continue
		}
		if len(base) > len(strings.TrimRight(best.API, "/")) {
			best, bestPath = m, rest
		}
	}
	if best.API == "" {
		return common.Address{}, "", false
	}
	return common.HexToAddress(best.Addr), bestPath, true
}

// getPeerBlob is GET /rpc/v1/blobs/{hash}: for members' signed requests
// only. A scene this node is still fetching in pieces is served by the
// verified pieces it has (a ranged GET): so workers leased the same scene
// pass it on to each other while it arrives (blobstore/swarm.go).
func (n *Node) getPeerBlob(rw http.ResponseWriter, r *http.Request) {
	if _, ok := n.memberRequest(rw, r, "blobs are served to members of the cluster"); !ok {
		return
	}
	rw = n.up.ResponseWriter(r.Context(), rw)
	h := r.PathValue("hash")
	if _, ok := n.work.blobs.Path(h); !ok {
		if _, ok := n.work.cache.Path(h); !ok && n.work.cache.ServePartial(rw, r, h) {
			return
		}
	}
	n.getBlob(rw, r)
}

// getPeerPieces is GET /rpc/v1/blobs/{hash}/pieces: the manifest of a
// blob's pieces (blobstore.Manifest), for members fetching it in pieces.
func (n *Node) getPeerPieces(rw http.ResponseWriter, r *http.Request) {
	if _, ok := n.memberRequest(rw, r, "blobs are served to members of the cluster"); !ok {
		return
	}
	n.holderOf(r.PathValue("hash")).ServeManifest(rw, r.PathValue("hash"))
}

// getPeerHave is GET /rpc/v1/blobs/{hash}/have: which pieces of a blob
// this node holds, as a bitfield (blobstore.ParseHave).
func (n *Node) getPeerHave(rw http.ResponseWriter, r *http.Request) {
	from, ok := n.memberRequest(rw, r, "blobs are served to members of the cluster")
	if !ok {
		return
	}
	h := r.PathValue("hash")
	for _, m := range n.cluster.Members() {
		if common.IsHexAddress(m.Addr) && common.HexToAddress(m.Addr) == from && m.API != "" {
			n.work.cache.NoteAsker(h, m.API) // it fetches h too: ask it back
		}
	}
	n.holderOf(h).ServeHave(rw, h)
}

// holderOf is the store that holds blob h whole, else the cache (which
// may be fetching it in pieces).
func (n *Node) holderOf(h string) *blobstore.Blobs {
	if _, ok := n.work.blobs.Path(h); ok {
		return n.work.blobs
	}
	return n.work.cache
}

// signedRequest checks that r is signed for this node with a key (not
// replayed) and answers 401 saying what is refused when not: rpc routes
// that act for a caller must know who it is.
func (n *Node) signedRequest(rw http.ResponseWriter, r *http.Request, what string) (common.Address, bool) {
	from, err := rpc.VerifyRequest(r, n.cfg.Identity.Address(), n.work.replay)
	if err != nil {
		n.metrics.badSignatures.Add(1)
		httpError(rw, http.StatusUnauthorized, fmt.Errorf("%s, by a request signed with their node key: %w", what, err))
		return common.Address{}, false
	}
	return from, true
}

// memberRequest is signedRequest for routes only members may use.
func (n *Node) memberRequest(rw http.ResponseWriter, r *http.Request, what string) (common.Address, bool) {
	from, ok := n.signedRequest(rw, r, what)
	if ok && !n.isMember(from) {
		httpError(rw, http.StatusUnauthorized, fmt.Errorf("%s, and %s is none", what, from.Hex()))
		return common.Address{}, false
	}
	return from, ok
}

// isMember reports whether addr is the key of a member of the cluster.
func (n *Node) isMember(addr common.Address) bool {
	for _, m := range n.cluster.Members() {
		if common.IsHexAddress(m.Addr) && common.HexToAddress(m.Addr) == addr {
			return true
		}
	}
	return false
}

// PeerClient is the HTTP client the node calls other members with; its
// GETs are signed with the node's key, so a benchmark or a tool fetches
// blobs through it as the node itself would.
func (n *Node) PeerClient() *http.Client { return n.work.hc }
