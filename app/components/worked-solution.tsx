/** The worked solution of a closed variant and its answer per part; the HTML is rendered on the server. */
export function WorkedSolution({ solution }: { solution: { solutionHtml: string; answers: { partId: string; answerHtml: string }[] } }) {
  return (
    <section aria-labelledby="solution-heading" className="card">
      <h2 id="solution-heading">Worked solution</h2>
      <div className="prompt" dangerouslySetInnerHTML={{ __html: solution.solutionHtml }} />
      <h3>Answers</h3>
      <dl className="pairs">
        {solution.answers.map((answer, index) => (
          <div key={answer.partId} style={{ display: "contents" }}>
            <dt>Part {index + 1}</dt>
            <dd dangerouslySetInnerHTML={{ __html: answer.answerHtml }} />
          </div>
        ))}
      </dl>
    </section>
  );
}
