package transcript

import (
	"os"
	"runtime"
	"testing"
)

func TestZZWriteBench(t *testing.T) {
	dir := os.Getenv("TX_WRITE")
	if dir == "" {
		t.Skip()
	}
	os.WriteFile(dir+"/bench.vtt", vttData(), 0o644)
	os.WriteFile(dir+"/bench.json", whisperData(), 0o644)
}

func TestZZParseOne(t *testing.T) {
	file := os.Getenv("TX_PARSE")
	if file == "" {
		t.Skip()
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("TX_READONLY") != "" {
		t.Logf("read %d bytes", len(data))
		return
	}
	tr, ds := Parse(file, data, "")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d bytes, %d utterances, %d diagnostics, text %d bytes; HeapSys %d MB, TotalAlloc %d MB", len(data), len(tr.Utterances), len(ds), len(tr.Text), ms.HeapSys>>20, ms.TotalAlloc>>20)
}
