namespace SampleApp.Api;

internal sealed record SleepResponse(int SleptMs, int Pid);
