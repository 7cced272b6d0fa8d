using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Core.Reflection;
using Wolverine;

namespace Sanzi.Api.Commands;

/// <summary>Reads a command's wire body with Wolverine's own JSON reading (415, 400 with the JSON path), as a body parameter would.</summary>
internal sealed class ReadCommandBody : AsyncFrame
{
    public ReadCommandBody(Type requestType) => Variable = new Variable(requestType, "request", this);

    public Variable Variable { get; }

    public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
    {
        writer.Write($"var ({Variable.Usage}, jsonContinue) = await ReadJsonAsync<{Variable.VariableType.FullNameInCode()}>(httpContext);");
        writer.Write($"if (jsonContinue == {typeof(HandlerContinuation).FullNameInCode()}.{nameof(HandlerContinuation.Stop)}) return;");
        Next?.GenerateCode(method, writer);
    }
}
