using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Validation;

namespace Bridges.Testing.Homeserver.Tests;

/// <summary>
/// The spec's own request and response examples must pass the validator; this guards the schema evaluator
/// against false violations, which would make the homeserver reject valid traffic.
/// </summary>
public sealed class SpecSelfConsistencyTests
{
    [Fact]
    public void Spec_request_and_response_examples_validate()
    {
        var store = new SpecDocumentStore();
        var index = new OperationIndex(store);
        var validator = MatrixSpecValidator.Shared;
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var operation in index.Operations)
        {
            var path = ConcretePath(operation.Template);
            var requestBody = store.Deref(operation.Operation with { Node = operation.Operation.Node?["requestBody"] });
            var requestSchema = requestBody.Node?["content"]?["application/json"]?["schema"];
            if (requestSchema is not null && store.Deref(requestBody with { Node = requestSchema }).Node?["example"] is { } example &&
                !ContainsRef(example))
            {
                checkedCount++;
                var result = validator.ValidateRequest(operation.Method, path, JsonSerializer.SerializeToElement(example));
                // Parameters are placeholders here, so only body violations count.
                var bodyErrors = result.Violations.Where(v => v.InstancePath.StartsWith('$')).ToList();
                if (bodyErrors.Count > 0)
                {
                    failures.Add($"request {operation.OperationId}: {string.Join("; ", bodyErrors)}");
                }
            }

            var responses = store.Deref(operation.Operation with { Node = operation.Operation.Node?["responses"] });
            foreach (var (status, entry) in responses.Node as JsonObject ?? [])
            {
                var response = store.Deref(responses with { Node = entry });
                var value = response.Node?["content"]?["application/json"]?["examples"]?["response"]?["value"];
                if (value is null || ContainsRef(value) || !int.TryParse(status, out var code))
                {
                    continue;
                }

                checkedCount++;
                var result = validator.ValidateResponse(operation.Method, path, code, JsonSerializer.SerializeToElement(value));
                if (!result.IsValid)
                {
                    failures.Add($"response {operation.OperationId} {status}: {result}");
                }
            }
        }

        Assert.True(checkedCount > 150, $"only {checkedCount} examples checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string ConcretePath(string template) =>
        string.Join('/', template.Split('/').Select(s => s switch
        {
            "{roomId}" => "%21r%3Ax",
            "{userId}" => "%40u%3Ax",
            "{eventId}" => "%24e",
            "{roomAlias}" => "%23a%3Ax",
            _ when SpecOperation.IsParameter(s) => "x",
            _ => s,
        }));

    private static bool ContainsRef(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ContainsKey("$ref") || obj.Any(kv => ContainsRef(kv.Value)),
        JsonArray array => array.Any(ContainsRef),
        _ => false,
    };
}
