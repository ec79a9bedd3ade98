package farm

import (
	"bytes"
	"encoding/hex"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
)

// Evidence. Every party to a check signs what it rendered: the worker its
// tile (contracts.SignedResult), the checker and the arbiter their crops
// (contracts.SignedCheck), each over the job's spec hash. A conviction
// keeps those signatures and the bytes they sign (the tile and the crops
// are blobs of the coordinator), so the evidence stands on its own:
// another coordinator can verify every signature and re-render the crops
// without trusting the one that convicted.

// checkRender is m's verified signed render of a check's crops (sum: the
// sha256 of the PNG it answered).
func checkRender(m api.Member, sum [32]byte, signed *contracts.SignedCheck) api.CheckRender {
	r := api.CheckRender{Node: m.ID, Address: m.Addr, Hash: hex.EncodeToString(sum[:])}
	if signed != nil {
		r.Signature = "0x" + hex.EncodeToString(signed.Signature)
	}
	return r
}

// keepRenders stores a conviction's crop renders as blobs, so its evidence
// can be fetched and re-checked by anyone (the worker's tile is a blob
// already). A render that cannot be kept leaves the evidence incomplete,
// which a re-checking coordinator refuses; the conviction here stands.
func (c *coordinator) keepRenders(rendered [][]byte) {
	for _, data := range rendered {
		if _, err := c.blobs.Put(bytes.NewReader(data), ""); err != nil {
			c.log.Error("keep a check's crops as evidence", "err", err)
		}
	}
}
