namespace Supervisor.Tests.Deploy.Support;

/// <summary>The manifest test is only as good as its reader.</summary>
public sealed class SimpleYamlTests
{
    [Fact]
    public void ReadsMappingsSequencesScalarsAndDocuments()
    {
        var documents = SimpleYaml.ParseDocuments("""
            # a comment
            kind: Deployment   # trailing comment
            metadata:
              name: "my-app"
              annotations:
                prometheus.io/port: '9100'
                note: "a # is not a comment here"
            spec:
              containers:
                - name: app
                  command:
                    - /bin/app
                    - -c
                  ports:
                    - containerPort: 8000
                - name: sidecar
            ---
            kind: Service
            """);

        Assert.Equal(2, documents.Count);
        var deployment = documents[0];
        Assert.Equal("Deployment", SimpleYaml.Text(deployment, "kind"));
        Assert.Equal("my-app", SimpleYaml.Text(deployment, "metadata", "name"));
        Assert.Equal("9100", SimpleYaml.Text(deployment, "metadata", "annotations", "prometheus.io/port"));
        Assert.Equal("a # is not a comment here", SimpleYaml.Text(deployment, "metadata", "annotations", "note"));
        Assert.Equal(["/bin/app", "-c"], (List<object>)SimpleYaml.At(deployment, "spec", "containers", 0, "command"));
        Assert.Equal(8000, SimpleYaml.Number(deployment, "spec", "containers", 0, "ports", 0, "containerPort"));
        Assert.Equal("sidecar", SimpleYaml.Text(deployment, "spec", "containers", 1, "name"));
        Assert.Equal("Service", SimpleYaml.Text(documents[1], "kind"));
    }

    [Theory]
    [InlineData("a: [1, 2]")]
    [InlineData("a: {b: 1}")]
    [InlineData("a: |\n  text")]
    [InlineData("a: &x 1")]
    [InlineData("a: 1\na: 2")]
    [InlineData("a:\n  b: 1\n c: 2")]
    [InlineData("a:")]
    [InlineData("just text")]
    [InlineData("a:\n\tb: 1")]
    public void RefusesWhatItDoesNotRead(string text) =>
        Assert.ThrowsAny<Exception>(() => SimpleYaml.ParseDocuments(text));

    [Fact]
    public void SaysWhichPathIsMissing() =>
        Assert.Equal("No 'b' in the mapping.", Assert.Throws<KeyNotFoundException>(() => SimpleYaml.At(SimpleYaml.ParseDocuments("a: 1")[0], "b")).Message);
}
