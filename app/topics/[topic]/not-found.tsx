import Link from "next/link";

export default function TopicNotFound() {
  return (
    <>
      <h1>Topic not found</h1>
      <p>No course topic has this address. Topic addresses use ids such as /topics/weight-sharing.</p>
      <p>
        <Link href="/topics">See the list of all topics</Link>
      </p>
    </>
  );
}
