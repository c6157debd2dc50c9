namespace SampleApp.Endpoints;

internal sealed record SleepResponse(int SleptMs, int Pid);
