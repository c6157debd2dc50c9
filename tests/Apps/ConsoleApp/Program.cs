Console.WriteLine("Hello, World!");
Thread.Sleep(Timeout.Infinite);
