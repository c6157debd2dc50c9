// Hosting/GatedListener.cs still spells the wrapper LibC; this alias goes when that file says Libc.
global using LibC = Supervisor.Worker.Native.Libc;
