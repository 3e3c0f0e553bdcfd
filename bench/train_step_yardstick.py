"""Python PyTorch yardstick for `losslab bench train-step`: the same two workloads, same shapes, Adam, median ms
per step after warm-up. Prints one JSON object. Run by the bench command when python3 with torch is available."""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(7)


def measure(model, x, y, warmup, steps):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return times[len(times) // 2]


mlp = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 3))
cnn = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Flatten(), nn.Linear(16 * 7 * 7, 10))
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 200
result = {
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "mlpMs": measure(mlp, torch.randn(256, 2), torch.randint(0, 3, (256,)), 3000, steps * 5),
    "cnnMs": measure(cnn, torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,)), 30, steps // 2),
}
print(json.dumps(result))
